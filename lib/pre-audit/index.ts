export { preAuditCheck, hasErrors, PRE_AUDIT_RULES, type PreAuditFinding, type PreAuditField, type PreAuditSubject, type PreAuditSeverity } from './rules';
export { cjkLength, charLength, LIMITS } from './text';
export { brandPart } from './words';
