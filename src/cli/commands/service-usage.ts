/** Usage lines of the service commands, kept apart so that `clearsend help` loads no server code. */
export const serveUsage = 'clearsend serve [--port N] [--data-dir DIR] [--role api|worker|all]  run the API and the send pipeline';
export const keysUsage = 'clearsend keys create --account NAME [--data-dir DIR] [--json]  create an API key (and the account if new)';
export const dbUsage = 'clearsend db migrate|backup --out FILE|restore FILE [--data-dir DIR] [--json]  apply migrations; back up or restore the embedded database';
export const auditUsage = 'clearsend audit export --out FILE [--sample 20] [--format csv|json|html] [--seed S] [--numbers a,b] [--from ISO] [--to ISO] [--account NAME] [--data-dir DIR] [--json]  write the consent audit a carrier asks for';
