// Starts telegram-test-api (a third-party Bot API emulator) on 127.0.0.1:<port> for the .NET end-to-end test.
// Prints READY once it listens; exits when stdin closes (the test process ended or disposed us).
const TelegramServer = require('telegram-test-api');

const port = Number(process.argv[2]);
const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
server.start().then(() => {
  process.stdout.write('READY\n');
});
process.stdin.on('end', () => server.stop().then(() => process.exit(0)));
process.stdin.resume();
