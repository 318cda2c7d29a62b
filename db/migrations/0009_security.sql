CREATE TABLE `message_reads` (
	`message_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `message_id`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `oauth_state_uses` (
	`nonce` text PRIMARY KEY NOT NULL,
	`link_id` integer NOT NULL,
	`used_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
-- What was read before read state became personal stays read for everyone, as it was.
INSERT INTO `message_reads` (`message_id`, `user_id`, `read_at`) SELECT m.`id`, u.`id`, m.`read_at` FROM `messages` m CROSS JOIN `users` u WHERE m.`read_at` IS NOT NULL;