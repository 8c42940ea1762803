/**
 * TLS certificates made at test time with the machine's `openssl` (Node.js has no certificate
 * generator, and a dependency only for tests is not worth it while openssl is everywhere CI
 * runs). EC P-256 keys: generating them takes milliseconds. Undefined when openssl is missing, so
 * the TLS tests can be skipped with a reason instead of failing.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface KeyPair {
  readonly key: string;
  readonly cert: string;
}

export interface TestCerts {
  /** The certificate of the test authority (pass it as `ca` to trust the signed ones). */
  readonly ca: string;
  /** Self-signed, for 127.0.0.1 and localhost. */
  readonly selfSigned: KeyPair;
  /** Signed by the test authority, for 127.0.0.1 and localhost. */
  readonly valid: KeyPair;
  /** Signed by the test authority, for another host name only. */
  readonly otherHost: KeyPair;
  /** Signed by the test authority, for 127.0.0.1, expired. */
  readonly expired: KeyPair;
}

const SAN_LOCAL = 'subjectAltName=IP:127.0.0.1,DNS:localhost';

export function makeCerts(): TestCerts | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-probe-certs-'));
  try {
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=napcat-config test CA');
    ssl('req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.crt', '-days', '2', '-subj', '/CN=localhost', '-addext', SAN_LOCAL);
    const signed = (name: string, cn: string, san: string, days: string): KeyPair => {
      ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
      fs.writeFileSync(path.join(dir, `${name}.ext`), san + '\n');
      ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', days, '-extfile', `${name}.ext`);
      return read(name);
    };
    const read = (name: string): KeyPair => ({
      key: fs.readFileSync(path.join(dir, `${name}.key`), 'utf8'),
      cert: fs.readFileSync(path.join(dir, `${name}.crt`), 'utf8'),
    });
    return {
      ca: fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8'),
      selfSigned: read('self'),
      valid: signed('valid', 'localhost', SAN_LOCAL, '2'),
      otherHost: signed('other', 'other.example', 'subjectAltName=DNS:other.example', '2'),
      // A negative validity: notAfter is a day before notBefore (now), so the certificate has expired.
      expired: signed('expired', 'localhost', SAN_LOCAL, '-1'),
    };
  } catch {
    return undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
