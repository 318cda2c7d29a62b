ALTER TABLE `versions` ADD `audit_rule` text;--> statement-breakpoint
ALTER TABLE `versions` ADD `promote_audit` text;