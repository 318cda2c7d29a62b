CREATE TABLE `template_instances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mini_app_id` text NOT NULL,
	`app_name` text DEFAULT '' NOT NULL,
	`template_id` text NOT NULL,
	`template_version` text DEFAULT '' NOT NULL,
	`latest_version` text DEFAULT '' NOT NULL,
	`latest_version_status` text DEFAULT '' NOT NULL,
	`status` text DEFAULT '' NOT NULL,
	`synced_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `template_instances_app_unique` ON `template_instances` (`mini_app_id`);--> statement-breakpoint
CREATE INDEX `template_instances_template_idx` ON `template_instances` (`template_id`,`template_version`);--> statement-breakpoint
CREATE TABLE `template_syncs` (
	`id` integer PRIMARY KEY NOT NULL,
	`attempted_at` integer,
	`synced_at` integer,
	`error` text,
	`instances_complete` integer DEFAULT true NOT NULL,
	`by_user_id` integer,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `mini_app_versions` ADD `ext_source` text;--> statement-breakpoint
ALTER TABLE `template_versions` ADD `status` text;--> statement-breakpoint
ALTER TABLE `template_versions` ADD `vanished_at` integer;--> statement-breakpoint
ALTER TABLE `templates` ADD `logo_url` text;--> statement-breakpoint
ALTER TABLE `templates` ADD `platform_created_at` text;--> statement-breakpoint
ALTER TABLE `templates` ADD `vanished_at` integer;--> statement-breakpoint
UPDATE `template_versions` SET `status` = CASE WHEN `on_shelf` = 1 THEN 'RELEASE' ELSE 'OFFLINE' END;