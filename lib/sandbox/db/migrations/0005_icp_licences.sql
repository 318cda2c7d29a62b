ALTER TABLE `mini_apps` ADD `icp_filed` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `mini_apps` ADD `registration_limit_release` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `versions` ADD `out_door_pic_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `versions` ADD `special_license_pic_count` integer DEFAULT 0 NOT NULL;