/**
 * Jest runs each test file in its own V8 context, whose `Symbol` lacks `dispose` and
 * `asyncDispose` (Node adds them to the main context only). playwright-core keys its objects'
 * disposers on them and then cannot find them (actions in cross-origin iframes fail with
 * "Object not disposable"): define them before playwright-core is loaded.
 */
const symbols = Symbol as unknown as { dispose?: symbol; asyncDispose?: symbol };
symbols.dispose ??= Symbol.for('nodejs.dispose');
symbols.asyncDispose ??= Symbol.for('nodejs.asyncDispose');

export {};
