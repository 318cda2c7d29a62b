CREATE TABLE `version_locks` (
	`key` text PRIMARY KEY NOT NULL,
	`operation` text NOT NULL,
	`holder` text NOT NULL,
	`pid` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `mini_app_versions` ADD `audit_round` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `version_events` ADD `batch_id` integer;--> statement-breakpoint
ALTER TABLE `version_events` ADD `audit_round` integer;--> statement-breakpoint
ALTER TABLE `batch_items` ADD `step_attempts` integer DEFAULT 0 NOT NULL;