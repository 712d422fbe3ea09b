// Starts telegram-test-api (a third-party Bot API emulator) on 127.0.0.1:<port> for the .NET end-to-end test.
// Prints READY once it listens; exits when stdin closes (the test process ended or disposed us).
const TelegramServer = require('telegram-test-api');

// The emulator answers sendMessage with `date` in milliseconds; the Bot API uses Unix seconds, and Telegram.Bot
// (rightly) refuses a date 1000 times too far in the future. Only that field of the bot's own messages is corrected.
const addBotMessage = TelegramServer.prototype.addBotMessage;
TelegramServer.prototype.addBotMessage = function (rawMessage, botToken) {
  const message = addBotMessage.call(this, rawMessage, botToken);
  return Object.assign({}, message, { date: Math.floor(message.date / 1000) });
};

const port = Number(process.argv[2]);
const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
server.start().then(() => {
  process.stdout.write('READY\n');
});
process.stdin.on('end', () => server.stop().then(() => process.exit(0)));
process.stdin.resume();
