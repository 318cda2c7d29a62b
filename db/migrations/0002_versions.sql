CREATE TABLE `mini_app_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_app_id` integer NOT NULL,
	`auth_app_id` text NOT NULL,
	`bundle_id` text DEFAULT 'com.alipay.alipaywallet' NOT NULL,
	`app_version` text NOT NULL,
	`status` text,
	`build_status` text,
	`template_id` text,
	`template_version` text,
	`ext` text,
	`version_desc` text,
	`gray_strategy` text,
	`reject_reason` text,
	`can_release` integer DEFAULT false NOT NULL,
	`experience` text DEFAULT 'none' NOT NULL,
	`exp_qr_code_url` text,
	`exp_schema_url` text,
	`online_by_rollback` integer DEFAULT false NOT NULL,
	`gmt_create` integer,
	`gmt_apply_audit` integer,
	`gmt_audit_end` integer,
	`gmt_online` integer,
	`gmt_offline` integer,
	`pending_operation` text,
	`pending_since` integer,
	`uploaded_by_id` integer,
	`detail_synced_at` integer,
	`synced_at` integer,
	`deleted_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`merchant_app_id`) REFERENCES `merchant_apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mini_app_versions_app_version_unique` ON `mini_app_versions` (`merchant_app_id`,`bundle_id`,`app_version`);--> statement-breakpoint
CREATE INDEX `mini_app_versions_status_idx` ON `mini_app_versions` (`status`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `mini_app_versions_auth_app_idx` ON `mini_app_versions` (`auth_app_id`,`app_version`);--> statement-breakpoint
CREATE TABLE `version_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`actor_id` integer,
	`actor_email` text,
	`reason` text,
	`detail` text,
	`notify_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `mini_app_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `version_events_version_idx` ON `version_events` (`version_id`,`created_at`);