ALTER TABLE `messages` ADD `key` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `params` text;--> statement-breakpoint
ALTER TABLE `operation_logs` ADD `detail_params` text;--> statement-breakpoint
ALTER TABLE `batch_items` ADD `message_params` text;--> statement-breakpoint
-- Batch item messages packed as `<catalog key> {json params}` are split into the key and its parameters.
UPDATE `batch_items` SET `message_params` = substr(`message`, instr(`message`, ' {') + 1), `message` = substr(`message`, 1, instr(`message`, ' {') - 1)
WHERE instr(`message`, ' {') > 1 AND instr(substr(`message`, 1, instr(`message`, ' {') - 1), ' ') = 0 AND instr(substr(`message`, 1, instr(`message`, ' {') - 1), '.') > 0 AND json_valid(substr(`message`, instr(`message`, ' {') + 1));--> statement-breakpoint
-- The console's own history reasons become catalog keys; every other reason (the reviewer's) stays as written.
UPDATE `version_events` SET `reason` = 'versions.historyReasons.buildTimeout' WHERE `reason` = '构建超时';--> statement-breakpoint
UPDATE `version_events` SET `reason` = 'versions.historyReasons.verified' WHERE `reason` = '超时的操作经核实已生效';--> statement-breakpoint
UPDATE `version_events` SET `reason` = 'versions.historyReasons.verifiedOperation' WHERE `reason` = '超时的操作经核实已生效，未重复提交';--> statement-breakpoint
UPDATE `version_events` SET `reason` = 'versions.historyReasons.verifiedUpload' WHERE `reason` = '超时的上传经核实已生效，未重复上传';--> statement-breakpoint
UPDATE `version_events` SET `reason` = 'versions.historyReasons.verifiedSubmit' WHERE `reason` = '超时的提交经核实已生效，未重复提交';
