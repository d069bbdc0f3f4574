/**
 * What the demo dataset knows about each attack family: how it is detected,
 * where it lands, how severe it tends to be, what it means and how to fix it.
 * Texts are deliberately short; references use https URLs only.
 */
import type { Reference, RemediationStep } from '../model';
import type { PayloadFamily } from './attackPayloads';

/** How an attempt of this family is shaped. */
export type AttackShape =
  | PayloadFamily
  | 'bola'
  | 'credential-stuffing'
  | 'jwt'
  | 'mass-assignment'
  | 'rate-limit'
  | 'bfla'
  | 'shadow-api'
  | 'deserialization';

export interface AttackKind {
  policyId: string;
  policyName: string;
  category: string;
  subcategory: string;
  shape: AttackShape;
  /** Endpoint tags this attack targets. */
  targets: readonly string[];
  /** Relative frequency in the dataset. */
  weight: number;
  /** Weights for critical, high, medium, low, info. */
  severity: readonly [number, number, number, number, number];
  /** Share of detections that come from anomaly models rather than rules. */
  anomalyRate: number;
  /** Share of activities where at least one attempt succeeded (rare). */
  exploitRate: number;
  description: string;
  details: string;
  impact: string;
  references: readonly Reference[];
  remediation: readonly RemediationStep[];
}

const owasp = (n: number, slug: string, title: string): Reference => ({
  kind: 'owasp-api',
  id: `API${n}:2023`,
  title,
  url: `https://owasp.org/API-Security/editions/2023/en/0xa${n === 10 ? 'a' : n}-${slug}/`,
});
const cwe = (n: number, title: string): Reference => ({
  kind: 'cwe',
  id: `CWE-${n}`,
  title,
  url: `https://cwe.mitre.org/data/definitions/${n}.html`,
});
const A03: Reference = { kind: 'other', id: 'A03:2021', title: 'OWASP Top 10: Injection', url: 'https://owasp.org/Top10/A03_2021-Injection/' };
const API8 = owasp(8, 'security-misconfiguration', 'Security Misconfiguration');
const cheatSheet = (name: string, title: string): Reference => ({
  kind: 'other',
  id: `cheatsheet-${name.toLowerCase()}`,
  title: `OWASP Cheat Sheet: ${title}`,
  url: `https://cheatsheetseries.owasp.org/cheatsheets/${name}_Cheat_Sheet.html`,
});

const inputValidation: RemediationStep = {
  title: 'Validate input against a schema',
  explanation: 'Reject requests whose parameters do not match the documented type, length and format before they reach business logic.',
  example: { language: 'yaml', code: "parameters:\n  - name: id\n    in: path\n    schema: { type: string, pattern: '^[0-9]{1,12}$' }" },
};

export const ATTACK_KINDS: readonly AttackKind[] = [
  {
    policyId: 'pol-bola-01', policyName: 'BOLA: object id enumeration', category: 'Broken Object Level Authorization', subcategory: 'BOLA',
    shape: 'bola', targets: ['id'], weight: 14, severity: [2, 5, 3, 1, 0], anomalyRate: 0.6, exploitRate: 0.05,
    description: 'The actor requested objects that belong to other users by changing the object identifier in the path.',
    details: 'Sequential or scraped identifiers were substituted in the path while the same session token was reused. Responses returning 200 for foreign objects indicate a missing ownership check.',
    impact: 'Disclosure or modification of other customers\' records; at scale, a full data breach.',
    references: [owasp(1, 'broken-object-level-authorization', 'Broken Object Level Authorization'), cwe(639, 'Authorization Bypass Through User-Controlled Key')],
    remediation: [
      { title: 'Check object ownership on every access', explanation: 'Load the object and compare its owner (or tenant) with the authenticated principal before returning or changing it.', example: { language: 'ts', code: "const order = await orders.find(req.params.orderId);\nif (!order || order.ownerId !== req.user.id) return res.sendStatus(404);" } },
      { title: 'Use unguessable identifiers', explanation: 'Random UUIDs make enumeration impractical; they complement, never replace, the ownership check.' },
    ],
  },
  {
    policyId: 'pol-auth-01', policyName: 'Credential stuffing on login', category: 'Broken Authentication', subcategory: 'Credential Stuffing',
    shape: 'credential-stuffing', targets: ['login'], weight: 8, severity: [1, 4, 4, 1, 0], anomalyRate: 0.5, exploitRate: 0.03,
    description: 'Many username/password pairs from leaked lists were tried against the login endpoint.',
    details: 'Attempts arrive in bursts from one source, rotate usernames and reuse common passwords; most fail with 401.',
    impact: 'Account takeover of users who reuse passwords.',
    references: [owasp(2, 'broken-authentication', 'Broken Authentication'), cwe(307, 'Improper Restriction of Excessive Authentication Attempts')],
    remediation: [
      { title: 'Throttle and lock out per account and per source', explanation: 'Apply exponential back-off after failed logins and alert on bursts.', example: { language: 'nginx', code: 'limit_req_zone $binary_remote_addr zone=login:10m rate=5r/m;\nlocation /login { limit_req zone=login burst=5 nodelay; }' } },
      { title: 'Require MFA and check breached passwords', explanation: 'Reject passwords found in breach corpora and require a second factor for sensitive accounts.' },
    ],
  },
  {
    policyId: 'pol-auth-02', policyName: 'JWT signature bypass', category: 'Broken Authentication', subcategory: 'JWT Tampering',
    shape: 'jwt', targets: ['auth'], weight: 4, severity: [3, 4, 1, 0, 0], anomalyRate: 0.1, exploitRate: 0.04,
    description: 'Tokens with the "none" algorithm or a forged signature were presented to authenticated endpoints.',
    details: 'The Authorization header carried JWTs whose header was altered (alg: none) and whose claims escalate the role.',
    impact: 'Impersonation of any user, including administrators, if signatures are not verified.',
    references: [owasp(2, 'broken-authentication', 'Broken Authentication'), cwe(347, 'Improper Verification of Cryptographic Signature')],
    remediation: [
      { title: 'Pin the accepted algorithms', explanation: 'Verify every token with an explicit algorithm allow-list and the expected key.', example: { language: 'ts', code: "jwt.verify(token, publicKey, { algorithms: ['RS256'], audience: 'api' });" } },
    ],
  },
  {
    policyId: 'pol-sqli-01', policyName: 'SQL injection (CRS 942xxx)', category: 'Injection', subcategory: 'SQL Injection',
    shape: 'sqli', targets: ['query', 'json', 'form'], weight: 12, severity: [3, 5, 2, 0, 0], anomalyRate: 0.05, exploitRate: 0.02,
    description: 'Parameters carried SQL syntax designed to change the meaning of a database query.',
    details: 'Payloads include UNION-based extraction, boolean and time-based blind probes and comment truncation.',
    impact: 'Reading or modifying the database, authentication bypass, sometimes remote code execution.',
    references: [A03, API8, cwe(89, "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')"), cheatSheet('SQL_Injection_Prevention', 'SQL Injection Prevention')],
    remediation: [
      { title: 'Use parameterised queries', explanation: 'Never concatenate request data into SQL; bind it as parameters.', example: { language: 'ts', code: "await db.query('SELECT * FROM products WHERE name = $1', [req.query.search]);" } },
      inputValidation,
      { title: 'Run with least privilege', explanation: 'The API\'s database account should not own the schema or read system tables.' },
    ],
  },
  {
    policyId: 'pol-nosql-01', policyName: 'NoSQL operator injection', category: 'Injection', subcategory: 'NoSQL Injection',
    shape: 'nosql', targets: ['json', 'login', 'query'], weight: 5, severity: [2, 5, 2, 0, 0], anomalyRate: 0.1, exploitRate: 0.03,
    description: 'Request values contained MongoDB query operators such as $ne or $regex in place of plain values.',
    details: 'Operator objects passed to a query filter turn an equality check into "any value".',
    impact: 'Authentication bypass and data extraction from document stores.',
    references: [A03, API8, cwe(943, 'Improper Neutralization of Special Elements in Data Query Logic')],
    remediation: [
      { title: 'Cast values to the expected primitive type', explanation: 'Reject objects where a string is expected so operators cannot be smuggled in.', example: { language: 'ts', code: "if (typeof req.body.username !== 'string') return res.sendStatus(400);\nawait users.findOne({ username: String(req.body.username) });" } },
      { title: 'Strip keys starting with $', explanation: 'Sanitise request bodies (e.g. with express-mongo-sanitize) before they reach the driver.' },
    ],
  },
  {
    policyId: 'pol-cmdi-01', policyName: 'OS command injection (CRS 932xxx)', category: 'Injection', subcategory: 'Command Injection',
    shape: 'cmd', targets: ['cmd', 'query', 'json'], weight: 5, severity: [5, 3, 1, 0, 0], anomalyRate: 0.05, exploitRate: 0.02,
    description: 'Parameters contained shell metacharacters and commands intended to run on the server.',
    details: 'Payloads chain commands with ;, | and backticks and use globbing to evade keyword filters.',
    impact: 'Remote code execution on the API host.',
    references: [A03, API8, cwe(78, "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')")],
    remediation: [
      { title: 'Never pass request data to a shell', explanation: 'Call programs directly with an argument array, and only with allow-listed values.', example: { language: 'ts', code: "execFile('ping', ['-c', '1', validatedHost]); // no shell, no string concatenation" } },
      inputValidation,
    ],
  },
  {
    policyId: 'pol-xss-01', policyName: 'Cross-site scripting (CRS 941xxx)', category: 'Cross-Site Scripting', subcategory: 'XSS',
    shape: 'xss', targets: ['query', 'json', 'form'], weight: 9, severity: [0, 3, 5, 2, 0], anomalyRate: 0.05, exploitRate: 0.03,
    description: 'Inputs contained HTML or JavaScript intended to run in another user\'s browser.',
    details: 'Stored fields such as reviews and profile names received script tags, event handlers and javascript: URLs.',
    impact: 'Session theft and actions performed as the victim in any client that renders the value as HTML.',
    references: [API8, cwe(79, "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')"), cheatSheet('Cross_Site_Scripting_Prevention', 'Cross Site Scripting Prevention')],
    remediation: [
      { title: 'Encode output for its context', explanation: 'Render user data as text; never insert it as HTML.', example: { language: 'tsx', code: '<p>{review.text}</p> {/* React escapes text; never use a raw-HTML prop */}' } },
      { title: 'Send a strict Content-Security-Policy', explanation: 'Block inline scripts so a stored payload cannot execute.', example: { language: 'http', code: "Content-Security-Policy: default-src 'self'; script-src 'self'; object-src 'none'" } },
    ],
  },
  {
    policyId: 'pol-ssrf-01', policyName: 'SSRF to internal addresses', category: 'Server-Side Request Forgery', subcategory: 'SSRF',
    shape: 'ssrf', targets: ['url'], weight: 5, severity: [3, 5, 1, 0, 0], anomalyRate: 0.1, exploitRate: 0.04,
    description: 'A URL parameter pointed the server at cloud metadata, loopback or cluster-internal addresses.',
    details: 'Encodings such as decimal, octal and IPv6-mapped addresses were used to evade naive deny-lists.',
    impact: 'Theft of cloud credentials and access to internal services.',
    references: [owasp(7, 'server-side-request-forgery', 'Server Side Request Forgery'), cwe(918, 'Server-Side Request Forgery (SSRF)')],
    remediation: [
      { title: 'Allow-list destinations after resolving them', explanation: 'Resolve the host, reject private, loopback and link-local ranges, then connect to the resolved address.', example: { language: 'ts', code: "const { address } = await dns.lookup(new URL(input).hostname);\nif (ipaddr.parse(address).range() !== 'unicast') throw new Error('blocked');" } },
      { title: 'Require IMDSv2', explanation: 'Token-protected metadata endpoints defeat simple GET-based SSRF.' },
    ],
  },
  {
    policyId: 'pol-lfi-01', policyName: 'Path traversal (CRS 930xxx)', category: 'Path Traversal', subcategory: 'Path Traversal',
    shape: 'traversal', targets: ['file'], weight: 5, severity: [2, 4, 3, 0, 0], anomalyRate: 0.05, exploitRate: 0.03,
    description: 'File name parameters contained ../ sequences and absolute paths to system files.',
    details: 'Encoded separators and NUL bytes were used to escape the intended directory.',
    impact: 'Disclosure of configuration, keys and source code.',
    references: [API8, cwe(22, "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')")],
    remediation: [
      { title: 'Resolve and confine paths', explanation: 'Resolve the requested path and reject it unless it stays inside the base directory.', example: { language: 'ts', code: "const full = path.resolve(BASE, name);\nif (!full.startsWith(BASE + path.sep)) return res.sendStatus(400);" } },
      { title: 'Serve files by id, not by name', explanation: 'Map opaque ids to stored files so users never supply a path.' },
    ],
  },
  {
    policyId: 'pol-mass-01', policyName: 'Mass assignment of privileged fields', category: 'Broken Object Property Level Authorization', subcategory: 'Mass Assignment',
    shape: 'mass-assignment', targets: ['writable'], weight: 5, severity: [1, 4, 4, 1, 0], anomalyRate: 0.4, exploitRate: 0.05,
    description: 'Update requests included properties the client must not set, such as role or balance.',
    details: 'Extra JSON properties (role, isAdmin, credit) were added to profile and order updates.',
    impact: 'Privilege escalation and fraud.',
    references: [owasp(3, 'broken-object-property-level-authorization', 'Broken Object Property Level Authorization'), cwe(915, 'Improperly Controlled Modification of Dynamically-Determined Object Attributes')],
    remediation: [
      { title: 'Bind only allow-listed properties', explanation: 'Copy the fields a client may change instead of spreading the request body into the model.', example: { language: 'ts', code: "const { displayName, avatarUrl } = req.body;\nawait users.update(req.user.id, { displayName, avatarUrl });" } },
    ],
  },
  {
    policyId: 'pol-rate-01', policyName: 'Request rate anomaly', category: 'Unrestricted Resource Consumption', subcategory: 'Rate Limit Abuse',
    shape: 'rate-limit', targets: ['id', 'query', 'login'], weight: 8, severity: [0, 2, 5, 3, 1], anomalyRate: 0.9, exploitRate: 0.01,
    description: 'The actor sent far more requests than the endpoint\'s learned baseline.',
    details: 'Traffic came in dense bursts well above the usual per-client rate, typical of scraping or resource exhaustion.',
    impact: 'Degraded service for other users, higher costs, and bulk data scraping.',
    references: [owasp(4, 'unrestricted-resource-consumption', 'Unrestricted Resource Consumption'), cwe(770, 'Allocation of Resources Without Limits or Throttling')],
    remediation: [
      { title: 'Enforce per-client rate limits', explanation: 'Limit by API key and by source, return 429 with Retry-After.', example: { language: 'yaml', code: 'rateLimit:\n  key: apiKey\n  requestsPerMinute: 600\n  burst: 100' } },
      { title: 'Cap page sizes and expensive queries', explanation: 'Bound limit parameters and query complexity on the server.' },
    ],
  },
  {
    policyId: 'pol-bfla-01', policyName: 'Admin function called by a regular user', category: 'Broken Function Level Authorization', subcategory: 'Function Level Authorization',
    shape: 'bfla', targets: ['admin'], weight: 4, severity: [3, 4, 2, 0, 0], anomalyRate: 0.5, exploitRate: 0.04,
    description: 'A non-administrative session called administrative endpoints.',
    details: 'Requests to /admin routes used tokens issued to regular customers.',
    impact: 'Unauthorised administrative actions such as role changes or data export.',
    references: [owasp(5, 'broken-function-level-authorization', 'Broken Function Level Authorization'), cwe(285, 'Improper Authorization')],
    remediation: [
      { title: 'Deny by default at the router', explanation: 'Require an explicit role check on every administrative route.', example: { language: 'ts', code: "router.use('/admin', requireRole('admin'));" } },
    ],
  },
  {
    policyId: 'pol-inv-01', policyName: 'Deprecated API version in use', category: 'Improper Inventory Management', subcategory: 'Shadow API Access',
    shape: 'shadow-api', targets: ['legacy'], weight: 3, severity: [0, 1, 4, 4, 2], anomalyRate: 0.7, exploitRate: 0.02,
    description: 'Traffic reached an old API version that is not in the current inventory.',
    details: 'The legacy endpoint lacks the authorization fixes of the current version and is being probed.',
    impact: 'Attackers bypass controls that only exist in newer versions.',
    references: [owasp(9, 'improper-inventory-management', 'Improper Inventory Management'), cwe(1059, 'Insufficient Technical Documentation')],
    remediation: [
      { title: 'Retire or gate old versions', explanation: 'Inventory every host and version; switch off unused ones or put them behind the same gateway policies.' },
    ],
  },
  {
    policyId: 'pol-deser-01', policyName: 'Java deserialization (CRS 944xxx)', category: 'Injection', subcategory: 'Insecure Deserialization',
    shape: 'deserialization', targets: ['upload'], weight: 2, severity: [5, 3, 1, 0, 0], anomalyRate: 0.05, exploitRate: 0.02,
    description: 'A request body contained Java serialisation magic bytes.',
    details: 'Binary serialised objects sent to an upload endpoint can trigger gadget chains in vulnerable libraries.',
    impact: 'Remote code execution.',
    references: [A03, cwe(502, 'Deserialization of Untrusted Data')],
    remediation: [
      { title: 'Never deserialise untrusted bytes', explanation: 'Accept JSON with a schema, or restrict deserialisation with an allow-list filter.', example: { language: 'java', code: 'ObjectInputFilter filter = ObjectInputFilter.Config.createFilter("com.example.dto.*;!*");\nin.setObjectInputFilter(filter);' } },
    ],
  },
];
