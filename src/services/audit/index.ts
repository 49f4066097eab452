/** The consent audit and its JSON/CSV/HTML rendering. Other areas import it only through this file, the layers above through services/index.ts. */
export { AUDIT_CONTENT_TYPES, AUDIT_FORMATS, auditFilename, type AuditFormat, renderAudit } from './audit-render.js';
export { buildConsentAudit, type ConsentAudit, type ConsentAuditOptions, findAccountByName } from './audit.js';
