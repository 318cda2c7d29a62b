DROP INDEX `mini_app_versions_template_idx`;--> statement-breakpoint
DROP INDEX `mini_app_versions_status_idx`;--> statement-breakpoint
CREATE INDEX `mini_app_versions_app_live_idx` ON `mini_app_versions` (`merchant_app_id`,`deleted_at`,`status`);--> statement-breakpoint
CREATE INDEX `mini_app_versions_status_idx` ON `mini_app_versions` (`status`,`deleted_at`,`merchant_app_id`,`template_id`,`template_version`);