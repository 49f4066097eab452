import { describe, expect, it } from 'vitest';
import { callbackUrlProblem } from './callback-url.js';

describe('callbackUrlProblem', () => {
  it.each([
    ['https://app.example/sms-status', null],
    ['http://app.example:8080/hook?x=1', null],
    ['ftp://app.example/x', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['https://user:pw@app.example/hook', 'credentials'],
    ['https://user@app.example/hook', 'credentials'],
    ['http://evil.example\\@127.0.0.1/', 'backslash'],
    ['/relative/path', 'absolute'],
    ['not a url', 'absolute'],
  ])('%s → %s', (url, problem) => {
    const got = callbackUrlProblem(url);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });
});
