CREATE TABLE `alipay_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notify_id` text NOT NULL,
	`kind` text NOT NULL,
	`auth_app_id` text,
	`payload` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`processed_at` integer,
	`process_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alipay_notifications_notify_id_unique` ON `alipay_notifications` (`notify_id`);--> statement-breakpoint
CREATE INDEX `alipay_notifications_kind_idx` ON `alipay_notifications` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `operation_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`actor_id` integer,
	`actor_email` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`input` text,
	`result` text NOT NULL,
	`detail` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `operation_logs_at_idx` ON `operation_logs` (`created_at`);--> statement-breakpoint
CREATE INDEX `operation_logs_actor_idx` ON `operation_logs` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `operation_logs_action_idx` ON `operation_logs` (`action`,`created_at`);--> statement-breakpoint
CREATE INDEX `operation_logs_target_idx` ON `operation_logs` (`target_type`,`target_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`failed_login_count` integer DEFAULT 0 NOT NULL,
	`first_failed_login_at` integer,
	`locked_until` integer,
	`last_login_at` integer,
	`session_version` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);