CREATE TABLE `mini_app_snapshots` (
	`merchant_app_id` integer PRIMARY KEY NOT NULL,
	`base_info` text,
	`fetched_at` integer,
	`online_version` text,
	`online_fetched_at` integer,
	FOREIGN KEY (`merchant_app_id`) REFERENCES `merchant_apps`(`id`) ON UPDATE no action ON DELETE cascade
);
