CREATE TABLE `member_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_app_id` integer NOT NULL,
	`role` text NOT NULL,
	`logon_id` text NOT NULL,
	`user_id` text,
	`remark` text,
	`invited_by_id` integer,
	`invited_by_email` text,
	`batch_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`merchant_app_id`) REFERENCES `merchant_apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_notes_app_role_logon_unique` ON `member_notes` (`merchant_app_id`,`role`,`logon_id`);--> statement-breakpoint
CREATE INDEX `member_notes_user_idx` ON `member_notes` (`merchant_app_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `page_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_app_id` integer NOT NULL,
	`url_param` text NOT NULL,
	`query_param` text,
	`describe` text NOT NULL,
	`size` text NOT NULL,
	`color` text,
	`qr_code_url` text NOT NULL,
	`circle_white_url` text,
	`circle_blue_url` text,
	`actor_id` integer,
	`actor_email` text NOT NULL,
	`batch_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`merchant_app_id`) REFERENCES `merchant_apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `page_codes_app_idx` ON `page_codes` (`merchant_app_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `qr_route_pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_app_id` integer NOT NULL,
	`route_group` text NOT NULL,
	`route_url` text NOT NULL,
	`mode` text NOT NULL,
	`page_redirection` text NOT NULL,
	`created_by_id` integer,
	`created_by_email` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`merchant_app_id`) REFERENCES `merchant_apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qr_route_pages_group_unique` ON `qr_route_pages` (`merchant_app_id`,`route_group`);