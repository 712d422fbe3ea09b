namespace Elumenta.Api.Auth;

/// <summary>The claims both schemes put on an authenticated request.</summary>
public static class ApiClaims
{
    /// <summary>The account id.</summary>
    public const string Subject = "sub";

    /// <summary><c>key</c> (an nb_ API key) or <c>session</c> (a web-session access token).</summary>
    public const string Via = "via";

    public const string KeyId = "kid_api";

    /// <summary>The account's session version when the access token was issued (password reset moves it).</summary>
    public const string SessionVersion = "sv";

    public const string ViaKey = "key";
    public const string ViaSession = "session";
}
