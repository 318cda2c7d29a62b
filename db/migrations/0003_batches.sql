CREATE TABLE `batch_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`merchant_id` integer,
	`merchant_app_id` integer,
	`auth_app_id` text NOT NULL,
	`merchant_name` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`steps` text NOT NULL,
	`step` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`call_outstanding` integer DEFAULT false NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`app_version` text,
	`request` text,
	`result` text,
	`sub_code` text,
	`message` text,
	`enqueued_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batch_items_idempotency_key_unique` ON `batch_items` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `batch_items_batch_idx` ON `batch_items` (`batch_id`,`state`);--> statement-breakpoint
CREATE INDEX `batch_items_enqueue_idx` ON `batch_items` (`state`,`enqueued_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `batch_items_active_app_unique` ON `batch_items` (`auth_app_id`) WHERE state in ('pending', 'running');--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operation` text NOT NULL,
	`params` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`created_by_id` integer,
	`created_by_email` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`succeeded` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`cancelled` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `batches_status_idx` ON `batches` (`status`,`created_at`);