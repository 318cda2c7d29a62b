CREATE TABLE `mini_app_drift` (
	`merchant_app_id` integer PRIMARY KEY NOT NULL,
	`online_version` text,
	`online_template_id` text,
	`online_template_version` text,
	`audit_status` text,
	`audit_applied_at` integer,
	`rejected` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`merchant_app_id`) REFERENCES `merchant_apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `mini_app_versions_template_idx`;--> statement-breakpoint
DROP INDEX `mini_app_versions_status_idx`;--> statement-breakpoint
CREATE INDEX `mini_app_versions_app_live_idx` ON `mini_app_versions` (`merchant_app_id`,`deleted_at`,`status`);--> statement-breakpoint
CREATE INDEX `mini_app_versions_status_idx` ON `mini_app_versions` (`status`,`deleted_at`,`merchant_app_id`,`template_id`,`template_version`);--> statement-breakpoint
-- mini_app_drift follows mini_app_versions: the newest live version per column, as lib/drift/rules.ts classifyVersions
-- picks it (versions compared as numbers x.y.z, as lib/drift/data.ts versionKey; the lowest id wins a tie). The rule
-- is written once, as this view; the fill below and the triggers copy its rows for the mini-programs a write touched.
CREATE VIEW mini_app_drift_source AS
  SELECT ma.id AS merchant_app_id, o.app_version AS online_version, o.template_id AS online_template_id,
    o.template_version AS online_template_version, a.status AS audit_status, a.gmt_apply_audit AS audit_applied_at,
    EXISTS (SELECT 1 FROM mini_app_versions r WHERE r.merchant_app_id = ma.id AND +r.status = 'AUDIT_REJECT' AND r.deleted_at IS NULL AND r.bundle_id = 'com.alipay.alipaywallet') AS rejected
  FROM merchant_apps ma
  LEFT JOIN mini_app_versions o ON o.id = (SELECT v.id FROM mini_app_versions v WHERE v.merchant_app_id = ma.id AND +v.status IN ('RELEASE') AND v.deleted_at IS NULL AND v.bundle_id = 'com.alipay.alipaywallet' ORDER BY (CAST(v.app_version AS INTEGER) * 1000000000000 + CASE WHEN instr(v.app_version, '.') > 0 THEN CAST(substr(v.app_version, instr(v.app_version, '.') + 1) AS INTEGER) ELSE 0 END * 1000000 + CASE WHEN instr(v.app_version, '.') > 0 AND instr(substr(v.app_version, instr(v.app_version, '.') + 1), '.') > 0 THEN CAST(substr(substr(v.app_version, instr(v.app_version, '.') + 1), instr(substr(v.app_version, instr(v.app_version, '.') + 1), '.') + 1) AS INTEGER) ELSE 0 END) DESC, v.id LIMIT 1)
  LEFT JOIN mini_app_versions a ON a.id = (SELECT v.id FROM mini_app_versions v WHERE v.merchant_app_id = ma.id AND +v.status IN ('AUDITING', 'WAIT_RELEASE', 'BASE_AUDIT_PASS') AND v.deleted_at IS NULL AND v.bundle_id = 'com.alipay.alipaywallet' ORDER BY (CAST(v.app_version AS INTEGER) * 1000000000000 + CASE WHEN instr(v.app_version, '.') > 0 THEN CAST(substr(v.app_version, instr(v.app_version, '.') + 1) AS INTEGER) ELSE 0 END * 1000000 + CASE WHEN instr(v.app_version, '.') > 0 AND instr(substr(v.app_version, instr(v.app_version, '.') + 1), '.') > 0 THEN CAST(substr(substr(v.app_version, instr(v.app_version, '.') + 1), instr(substr(v.app_version, instr(v.app_version, '.') + 1), '.') + 1) AS INTEGER) ELSE 0 END) DESC, v.id LIMIT 1);
--> statement-breakpoint
INSERT OR REPLACE INTO mini_app_drift (merchant_app_id, online_version, online_template_id, online_template_version, audit_status, audit_applied_at, rejected)
  SELECT merchant_app_id, online_version, online_template_id, online_template_version, audit_status, audit_applied_at, rejected FROM mini_app_drift_source WHERE merchant_app_id IN (SELECT merchant_app_id FROM mini_app_versions);
--> statement-breakpoint
CREATE TRIGGER mini_app_drift_after_insert AFTER INSERT ON mini_app_versions BEGIN
INSERT OR REPLACE INTO mini_app_drift (merchant_app_id, online_version, online_template_id, online_template_version, audit_status, audit_applied_at, rejected)
  SELECT merchant_app_id, online_version, online_template_id, online_template_version, audit_status, audit_applied_at, rejected FROM mini_app_drift_source WHERE merchant_app_id = NEW.merchant_app_id;
END;
--> statement-breakpoint
CREATE TRIGGER mini_app_drift_after_update AFTER UPDATE OF status, deleted_at, bundle_id, app_version, template_id, template_version, gmt_apply_audit, merchant_app_id ON mini_app_versions BEGIN
INSERT OR REPLACE INTO mini_app_drift (merchant_app_id, online_version, online_template_id, online_template_version, audit_status, audit_applied_at, rejected)
  SELECT merchant_app_id, online_version, online_template_id, online_template_version, audit_status, audit_applied_at, rejected FROM mini_app_drift_source WHERE merchant_app_id IN (NEW.merchant_app_id, OLD.merchant_app_id);
END;
--> statement-breakpoint
CREATE TRIGGER mini_app_drift_after_delete AFTER DELETE ON mini_app_versions BEGIN
INSERT OR REPLACE INTO mini_app_drift (merchant_app_id, online_version, online_template_id, online_template_version, audit_status, audit_applied_at, rejected)
  SELECT merchant_app_id, online_version, online_template_id, online_template_version, audit_status, audit_applied_at, rejected FROM mini_app_drift_source WHERE merchant_app_id = OLD.merchant_app_id;
END;
