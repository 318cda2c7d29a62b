CREATE TABLE `authorization_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`token_hint` text NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`last_opened_at` integer,
	`last_used_at` integer,
	`created_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `authorization_links_token_hash_unique` ON `authorization_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `authorization_links_merchant_idx` ON `authorization_links` (`merchant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `merchant_apps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_id` integer NOT NULL,
	`auth_app_id` text NOT NULL,
	`user_id` text,
	`app_name` text,
	`status` text NOT NULL,
	`app_auth_token_enc` text,
	`app_refresh_token_enc` text,
	`token_digest` text,
	`token_expires_at` integer,
	`refresh_expires_at` integer,
	`authorized_at` integer NOT NULL,
	`last_refreshed_at` integer,
	`last_refresh_error` text,
	`last_checked_at` integer,
	`last_check_result` text,
	`last_check_error` text,
	`ended_at` integer,
	`ended_reason` text,
	`category_ids` text,
	`name_frozen_at` integer,
	`link_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`link_id`) REFERENCES `authorization_links`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `merchant_apps_auth_app_id_unique` ON `merchant_apps` (`auth_app_id`);--> statement-breakpoint
CREATE INDEX `merchant_apps_merchant_idx` ON `merchant_apps` (`merchant_id`,`status`);--> statement-breakpoint
CREATE INDEX `merchant_apps_refresh_idx` ON `merchant_apps` (`status`,`refresh_expires_at`);--> statement-breakpoint
CREATE INDEX `merchant_apps_checked_idx` ON `merchant_apps` (`status`,`last_checked_at`);--> statement-breakpoint
CREATE TABLE `merchants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`contact_name` text NOT NULL,
	`mobile` text NOT NULL,
	`email` text,
	`industry` text NOT NULL,
	`address` text,
	`remarks` text,
	`auth_status` text DEFAULT 'unauthorized' NOT NULL,
	`archived_at` integer,
	`created_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `merchants_name_unique` ON `merchants` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `merchants_mobile_unique` ON `merchants` (`mobile`);--> statement-breakpoint
CREATE INDEX `merchants_list_created_idx` ON `merchants` (`archived_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `merchants_list_status_idx` ON `merchants` (`archived_at`,`auth_status`,`created_at`);--> statement-breakpoint
CREATE INDEX `merchants_list_industry_idx` ON `merchants` (`archived_at`,`industry`,`created_at`);--> statement-breakpoint
CREATE INDEX `merchants_list_updated_idx` ON `merchants` (`archived_at`,`updated_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`body` text,
	`merchant_id` integer,
	`mini_app_id` text,
	`version` text,
	`link` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `messages_created_idx` ON `messages` (`created_at`);--> statement-breakpoint
CREATE INDEX `messages_unread_idx` ON `messages` (`read_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_merchant_idx` ON `messages` (`merchant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `profile_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_app_id` integer NOT NULL,
	`actor_id` integer,
	`actor_email` text NOT NULL,
	`changes` text NOT NULL,
	`modify_status` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`merchant_app_id`) REFERENCES `merchant_apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `profile_changes_app_idx` ON `profile_changes` (`merchant_app_id`,`created_at`);