CREATE TABLE `accounts` (
	`user_id` text PRIMARY KEY NOT NULL,
	`logon_id` text NOT NULL,
	`name` text NOT NULL,
	`password` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_logon_id_unique` ON `accounts` (`logon_id`);--> statement-breakpoint
CREATE TABLE `auth_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`isv_app_id` text NOT NULL,
	`user_id` text NOT NULL,
	`app_ids` text NOT NULL,
	`redirect_uri` text NOT NULL,
	`state` text,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `authorizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`isv_app_id` text NOT NULL,
	`auth_app_id` text NOT NULL,
	`user_id` text NOT NULL,
	`app_auth_token` text NOT NULL,
	`app_refresh_token` text NOT NULL,
	`auth_code` text,
	`status` text NOT NULL,
	`auth_start` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`re_expires_at` integer NOT NULL,
	`ended_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`auth_app_id`) REFERENCES `mini_apps`(`app_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `authorizations_token_unique` ON `authorizations` (`app_auth_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `authorizations_refresh_unique` ON `authorizations` (`app_refresh_token`);--> statement-breakpoint
CREATE INDEX `authorizations_app_idx` ON `authorizations` (`auth_app_id`,`status`);--> statement-breakpoint
CREATE INDEX `authorizations_code_idx` ON `authorizations` (`auth_code`);--> statement-breakpoint
CREATE TABLE `categories` (
	`category_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`need_license` integer DEFAULT false NOT NULL,
	`need_out_door_pic` integer DEFAULT false NOT NULL,
	`need_special_license` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `fault_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`method` text NOT NULL,
	`latency_ms` integer DEFAULT 0 NOT NULL,
	`jitter_ms` integer DEFAULT 0 NOT NULL,
	`error_rate` real DEFAULT 0 NOT NULL,
	`error_sub_code` text,
	`error_sub_msg` text,
	`hang` integer DEFAULT false NOT NULL,
	`rps` real
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`status` text NOT NULL,
	`gmt_invite` integer NOT NULL,
	`gmt_join` integer,
	FOREIGN KEY (`app_id`) REFERENCES `mini_apps`(`app_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `accounts`(`user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_app_user_role_unique` ON `members` (`app_id`,`user_id`,`role`);--> statement-breakpoint
CREATE INDEX `members_status_idx` ON `members` (`status`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notify_id` text NOT NULL,
	`name` text NOT NULL,
	`auth_app_id` text,
	`payload` text NOT NULL,
	`target_url` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_at` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_notify_id_unique` ON `messages` (`notify_id`);--> statement-breakpoint
CREATE INDEX `messages_due_idx` ON `messages` (`status`,`next_at`);--> statement-breakpoint
CREATE TABLE `mini_apps` (
	`app_id` text PRIMARY KEY NOT NULL,
	`owner_user_id` text NOT NULL,
	`app_name` text NOT NULL,
	`app_english_name` text,
	`app_slogan` text,
	`app_desc` text,
	`service_phone` text,
	`service_email` text,
	`category_ids` text,
	`logo` blob,
	`logo_mime` text,
	`safe_domains` text DEFAULT '[]' NOT NULL,
	`ever_online` integer DEFAULT false NOT NULL,
	`pending_info` text,
	`pending_logo` blob,
	`pending_logo_mime` text,
	`pending_info_due_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`owner_user_id`) REFERENCES `accounts`(`user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mini_apps_owner_idx` ON `mini_apps` (`owner_user_id`);--> statement-breakpoint
CREATE INDEX `mini_apps_name_idx` ON `mini_apps` (`app_name`);--> statement-breakpoint
CREATE TABLE `qr_routes` (
	`route_group` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`route_url` text NOT NULL,
	`mode` text NOT NULL,
	`page_redirection` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `mini_apps`(`app_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qr_routes_app_idx` ON `qr_routes` (`app_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `request_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`trace_id` text NOT NULL,
	`method` text,
	`app_id` text,
	`auth_app_id` text,
	`code` text NOT NULL,
	`sub_code` text,
	`sub_msg` text,
	`latency_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `request_log_at_idx` ON `request_log` (`at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `template_versions` (
	`template_id` text NOT NULL,
	`version` text NOT NULL,
	`on_shelf` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`template_id`, `version`),
	FOREIGN KEY (`template_id`) REFERENCES `templates`(`template_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `templates` (
	`template_id` text PRIMARY KEY NOT NULL,
	`isv_app_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `version_images` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`kind` text NOT NULL,
	`position` integer NOT NULL,
	`mime` text NOT NULL,
	`bytes` blob NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `version_images_version_idx` ON `version_images` (`version_id`,`kind`,`position`);--> statement-breakpoint
CREATE TABLE `versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` text NOT NULL,
	`bundle_id` text NOT NULL,
	`app_version` text NOT NULL,
	`template_id` text NOT NULL,
	`template_version` text NOT NULL,
	`ext` text,
	`status` text NOT NULL,
	`build_duration_ms` integer NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`experience_at` integer,
	`experience_duration_ms` integer,
	`version_desc` text,
	`memo` text,
	`region_type` text,
	`service_region_info` text,
	`app_name` text,
	`app_english_name` text,
	`app_slogan` text,
	`app_desc` text,
	`service_phone` text,
	`service_email` text,
	`category_ids` text,
	`test_account` text,
	`test_password` text,
	`license_no` text,
	`license_name` text,
	`license_valid_date` text,
	`license_pic_count` integer DEFAULT 0 NOT NULL,
	`screenshot_count` integer DEFAULT 0 NOT NULL,
	`auto_online` integer DEFAULT false NOT NULL,
	`review_due_at` integer,
	`reject_reason` text,
	`gray_strategy` text,
	`gmt_apply_audit` integer,
	`gmt_audit_end` integer,
	`gmt_online` integer,
	`gmt_offline` integer,
	`replaced_version_id` integer,
	`online_by_rollback` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `mini_apps`(`app_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `versions_app_idx` ON `versions` (`app_id`,`bundle_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `versions_live_unique` ON `versions` (`app_id`,`bundle_id`,`app_version`) WHERE "versions"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `versions_review_idx` ON `versions` (`status`,`review_due_at`);--> statement-breakpoint
CREATE INDEX `versions_template_idx` ON `versions` (`template_id`,`template_version`);