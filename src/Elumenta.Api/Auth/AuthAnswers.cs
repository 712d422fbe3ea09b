namespace Elumenta.Api.Auth;

public sealed record TokenPair(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

public sealed record TelegramSignInAnswer(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, bool IsNewUser, TelegramUserAnswer User);

public sealed record TelegramUserAnswer(long Id, long TelegramId, string Plan, int TokenBalance);

public sealed record EmailSignInAnswer(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, EmailUserAnswer User);

public sealed record EmailUserAnswer(long Id, string Email, string? Username, string Plan, int TokenBalance);

public sealed record RegisteredAnswer(string Message, long UserId);

public sealed record MessageAnswer(string Message);

public sealed record RegisterRequest(string? Email, string? Password, string? Username);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record TokenRequest(string? Token);

public sealed record ForgotPasswordRequest(string? Email);

public sealed record ResetPasswordRequest(string? Token, string? NewPassword);
