CREATE TABLE `release_plan_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`wave_idx` integer NOT NULL,
	`merchant_id` integer,
	`merchant_app_id` integer,
	`auth_app_id` text NOT NULL,
	`merchant_name` text NOT NULL,
	`skipped_at` integer,
	`skipped_by` text,
	FOREIGN KEY (`plan_id`) REFERENCES `release_plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `release_plan_members_plan_app_unique` ON `release_plan_members` (`plan_id`,`auth_app_id`);--> statement-breakpoint
CREATE INDEX `release_plan_members_app_idx` ON `release_plan_members` (`auth_app_id`);--> statement-breakpoint
CREATE TABLE `release_plan_waves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`idx` integer NOT NULL,
	`percent` integer,
	`size` integer NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`batch_id` integer,
	`gate` text,
	`started_at` integer,
	`decided_at` integer,
	`overridden_by` text,
	FOREIGN KEY (`plan_id`) REFERENCES `release_plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `release_plan_waves_plan_idx_unique` ON `release_plan_waves` (`plan_id`,`idx`);--> statement-breakpoint
CREATE TABLE `release_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`template_id` text NOT NULL,
	`template_version` text NOT NULL,
	`params` text NOT NULL,
	`gate_min_online` integer NOT NULL,
	`gate_max_failed` integer NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`pause_reason` text,
	`created_by_id` integer,
	`created_by_email` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `release_plans_status_idx` ON `release_plans` (`status`,`created_at`);--> statement-breakpoint
ALTER TABLE `batches` ADD `plan_id` integer;--> statement-breakpoint
CREATE INDEX `batches_plan_idx` ON `batches` (`plan_id`);