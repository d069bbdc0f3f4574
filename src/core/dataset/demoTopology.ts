/**
 * The fictional API estate the demo dataset is observed on (hosts under the
 * reserved `.example` TLD) and the networks its actors come from.
 */
export type BodyKind = 'json' | 'form' | 'binary' | 'none';

export interface DemoEndpoint {
  host: string;
  method: string;
  /** Templated path; `{name}` segments are filled per attempt. */
  path: string;
  body: BodyKind;
  /** What attacks can target here (see AttackKind.targets). */
  tags: readonly string[];
  /** The parameter that carries injected payloads. */
  param: string;
}

const ep = (host: string, method: string, path: string, body: BodyKind, param: string, ...tags: string[]): DemoEndpoint => ({
  host: `${host}.northwind.example`,
  method,
  path,
  body,
  tags,
  param,
});

export const DEMO_ENDPOINTS: readonly DemoEndpoint[] = [
  ep('api', 'GET', '/api/v1/users/{userId}', 'none', 'fields', 'id', 'auth', 'query'),
  ep('api', 'GET', '/api/v1/users/{userId}/orders', 'none', 'status', 'id', 'auth', 'query'),
  ep('api', 'PATCH', '/api/v1/users/{userId}', 'json', 'displayName', 'id', 'json', 'writable', 'auth'),
  ep('api', 'GET', '/api/v1/orders/{orderId}', 'none', 'expand', 'id', 'auth'),
  ep('api', 'PUT', '/api/v1/orders/{orderId}', 'json', 'note', 'id', 'json', 'writable'),
  ep('api', 'GET', '/api/v1/products', 'none', 'search', 'query'),
  ep('api', 'POST', '/api/v1/products/{productId}/reviews', 'json', 'text', 'json', 'auth'),
  ep('api', 'POST', '/api/v1/cart/checkout', 'json', 'couponCode', 'json', 'writable', 'auth'),
  ep('api', 'GET', '/api/v1/files/{fileName}', 'none', 'file', 'file'),
  ep('api', 'POST', '/api/v1/webhooks', 'json', 'callbackUrl', 'url', 'json', 'auth'),
  ep('api', 'GET', '/api/v2/search', 'none', 'q', 'query'),
  ep('auth', 'POST', '/oauth/token', 'form', 'username', 'login', 'form'),
  ep('auth', 'POST', '/login', 'form', 'username', 'login', 'form'),
  ep('auth', 'POST', '/password/reset', 'json', 'email', 'login', 'json'),
  ep('pay', 'GET', '/v1/payments/{paymentId}', 'none', 'include', 'id', 'auth'),
  ep('pay', 'POST', '/v1/refunds', 'json', 'reason', 'json', 'writable', 'auth'),
  ep('pay', 'GET', '/v1/invoices/{invoiceId}/pdf', 'none', 'template', 'id', 'file'),
  ep('admin', 'GET', '/admin/users', 'none', 'filter', 'admin', 'query'),
  ep('admin', 'POST', '/admin/users/{userId}/roles', 'json', 'role', 'admin', 'json'),
  ep('admin', 'POST', '/internal/diagnostics/ping', 'form', 'host', 'cmd', 'admin', 'form'),
  ep('media', 'POST', '/upload', 'binary', 'file', 'upload'),
  ep('media', 'GET', '/images/{imageId}/resize', 'none', 'src', 'url', 'file'),
  ep('partners', 'POST', '/partner/v1/import', 'binary', 'payload', 'upload'),
  ep('partners', 'GET', '/partner/v1/accounts/{accountId}', 'none', 'fields', 'id', 'auth'),
  ep('legacy', 'GET', '/api/v0/accounts/{accountId}', 'none', 'fields', 'legacy', 'id'),
  ep('legacy', 'POST', '/api/v0/export', 'form', 'format', 'legacy', 'cmd', 'form'),
];

/** Networks actors are drawn from: a prefix, how to fill it, and the country. */
export interface ActorNetwork {
  prefix: string;
  v6: boolean;
  country: string;
}

export const ACTOR_NETWORKS: readonly ActorNetwork[] = [
  { prefix: '185.220.101.', v6: false, country: 'DE' },
  { prefix: '45.155.205.', v6: false, country: 'RU' },
  { prefix: '103.145.13.', v6: false, country: 'VN' },
  { prefix: '193.32.162.', v6: false, country: 'NL' },
  { prefix: '89.248.165.', v6: false, country: 'NL' },
  { prefix: '61.177.172.', v6: false, country: 'CN' },
  { prefix: '218.92.0.', v6: false, country: 'CN' },
  { prefix: '179.43.180.', v6: false, country: 'CH' },
  { prefix: '196.251.70.', v6: false, country: 'ZA' },
  { prefix: '154.213.184.', v6: false, country: 'SC' },
  { prefix: '104.28.42.', v6: false, country: 'US' },
  { prefix: '34.90.12.', v6: false, country: 'US' },
  { prefix: '177.54.144.', v6: false, country: 'BR' },
  { prefix: '41.216.188.', v6: false, country: 'NG' },
  { prefix: '112.196.70.', v6: false, country: 'IN' },
  { prefix: '5.188.206.', v6: false, country: 'GB' },
  { prefix: '2a0e:97c0:3e3:', v6: true, country: 'DE' },
  { prefix: '2604:a880:400:d1:', v6: true, country: 'US' },
  { prefix: '2001:470:1f0b:', v6: true, country: 'FR' },
];

export const USER_AGENTS: readonly string[] = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'python-requests/2.31.0',
  'curl/8.5.0',
  'sqlmap/1.8#stable (https://sqlmap.org)',
  'Go-http-client/1.1',
  'okhttp/4.12.0',
  'Nuclei - Open-source project (github.com/projectdiscovery/nuclei)',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
];
