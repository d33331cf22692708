// The mocha globals @web/test-runner provides to *.browser.test.ts (no @types/mocha installed).
declare function describe(name: string, body: () => void): void
declare function it(name: string, body: () => unknown): void
declare function beforeEach(body: () => unknown): void
declare function afterEach(body: () => unknown): void
