ALTER TABLE `qr_routes` ADD `route_pattern` text;--> statement-breakpoint
ALTER TABLE `templates` ADD `qr_hosts` text;--> statement-breakpoint
UPDATE `members` SET `status` = 'VALID' WHERE `status` = 'JOINED';