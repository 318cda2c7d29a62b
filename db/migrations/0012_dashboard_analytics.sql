CREATE TABLE `analytics_refresh_requests` (
	`merchant_app_id` integer PRIMARY KEY NOT NULL,
	`requested_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`merchant_app_id`) REFERENCES `merchant_apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `mini_app_daily_stats` (
	`merchant_app_id` integer NOT NULL,
	`report_date` text NOT NULL,
	`app_pv` integer DEFAULT 0 NOT NULL,
	`app_uv` integer DEFAULT 0 NOT NULL,
	`new_user_cnt` integer DEFAULT 0 NOT NULL,
	`launch_cnt` integer DEFAULT 0 NOT NULL,
	`share_cnt` integer DEFAULT 0 NOT NULL,
	`share_user_cnt` integer DEFAULT 0 NOT NULL,
	`user_cnt_dst` integer DEFAULT 0 NOT NULL,
	`user_cnt_7_d` integer DEFAULT 0 NOT NULL,
	`user_cnt_30_d` integer DEFAULT 0 NOT NULL,
	`avg_stay_time_per_user` integer DEFAULT 0 NOT NULL,
	`avg_stay_time_per_visit` integer DEFAULT 0 NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`merchant_app_id`, `report_date`),
	FOREIGN KEY (`merchant_app_id`) REFERENCES `merchant_apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mini_app_daily_stats_date_idx` ON `mini_app_daily_stats` (`report_date`,`merchant_app_id`,`app_uv`);--> statement-breakpoint
CREATE TABLE `mini_app_realtime_stats` (
	`merchant_app_id` integer NOT NULL,
	`kind` text NOT NULL,
	`report_date` text NOT NULL,
	`data` text NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`merchant_app_id`, `kind`),
	FOREIGN KEY (`merchant_app_id`) REFERENCES `merchant_apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `merchant_apps_status_merchant_idx` ON `merchant_apps` (`status`,`merchant_id`);--> statement-breakpoint
CREATE INDEX `mini_app_versions_template_idx` ON `mini_app_versions` (`status`,`template_id`,`template_version`);--> statement-breakpoint
CREATE INDEX `mini_app_versions_reject_idx` ON `mini_app_versions` (`status`,`reject_reason`);--> statement-breakpoint
CREATE INDEX `version_events_kind_idx` ON `version_events` (`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `batches_created_idx` ON `batches` (`created_at`);--> statement-breakpoint
CREATE INDEX `batches_failed_idx` ON `batches` (`created_at`) WHERE failed > 0;