/**
 * What to do about a failed "Send a test" (issue 15): the backend's error (code + the client's message, e.g.
 * nodemailer's `connect ECONNREFUSED 127.0.0.1:2525` or an HTTP status) read for the few causes a person can fix,
 * each as a message key; undefined when nothing is recognised (the raw text is shown anyway).
 */
export type TestAdviceKey =
  | 'notify.advice.refused'
  | 'notify.advice.timeout'
  | 'notify.advice.unknownHost'
  | 'notify.advice.auth'
  | 'notify.advice.certificate'
  | 'notify.advice.tlsMismatch'
  | 'notify.advice.httpAuth'
  | 'notify.advice.httpNotFound';

/** The advice for a failed test's code and message. */
export function testAdvice(code: string, message: string): TestAdviceKey | undefined {
  const m = `${code} ${message}`;
  if (/ECONNREFUSED/i.test(m)) return 'notify.advice.refused';
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(m)) return 'notify.advice.unknownHost';
  if (/self[- ]signed|certificate|CERT_|UNABLE_TO_VERIFY/i.test(m)) return 'notify.advice.certificate';
  if (/wrong version number|ssl3_get_record|Greeting never received|packet length too long/i.test(m)) return 'notify.advice.tlsMismatch';
  if (/EAUTH|\b535\b|\b534\b|authentication (failed|unsuccessful)|Invalid login/i.test(m)) return 'notify.advice.auth';
  if (/ETIMEDOUT|timed? ?out|ESOCKET.*timeout/i.test(m)) return 'notify.advice.timeout';
  if (/\b(401|403)\b/.test(m)) return 'notify.advice.httpAuth';
  if (/\b404\b/.test(m)) return 'notify.advice.httpNotFound';
  return undefined;
}
