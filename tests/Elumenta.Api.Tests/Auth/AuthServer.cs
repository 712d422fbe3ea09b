using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Tests.TestSupport;
using MimeKit;

namespace Elumenta.Api.Tests.Auth;

/// <summary>An <see cref="ApiServer"/> whose mail pickup folder is its own, with the steps of an email sign-up.</summary>
public sealed partial class AuthServer : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private AuthServer(ApiServer api, string mailDirectory)
    {
        Api = api;
        MailDirectory = mailDirectory;
    }

    public ApiServer Api { get; }
    public string MailDirectory { get; }
    public HttpClient Client => Api.Client;

    public static async Task<AuthServer> StartAsync(IDictionary<string, string?>? settings = null, ManualClock? clock = null)
    {
        var mail = Path.Combine(Path.GetTempPath(), "elumenta-api-tests", "mail-" + Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string?> { ["Api:Mail:PickupDirectory"] = mail };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new AuthServer(await ApiServer.StartAsync(all, clock), mail);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body, HttpClient? client = null) =>
        (client ?? Client).PostAsJsonAsync("/api/v2/auth/" + path, body);

    /// <summary>The mails in the pickup folder once there are <paramref name="count"/> of them, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var files = Directory.Exists(MailDirectory) ? Directory.GetFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal).ToArray() : [];
            if (files.Length >= count)
            {
                return files.Select(f => MimeMessage.Load(f)).ToList();
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    public static string TokenIn(MimeMessage mail) => TokenLink().Match(mail.TextBody ?? "").Groups[1].Value;

    /// <summary>Registers, reads the verification mail (the <paramref name="mailIndex"/>-th), verifies; returns the account id.</summary>
    public async Task<long> RegisterVerifiedAsync(string email, int mailIndex = 0, string password = Password)
    {
        var response = await PostAsync("register", new { email, password });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var userId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetInt64();
        var token = TokenIn((await MailsAsync(mailIndex + 1))[mailIndex]);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await PostAsync("verify-email", new { token })).StatusCode);
        return userId;
    }

    public async Task<JsonElement> LoginAsync(string email, string password = Password)
    {
        var response = await PostAsync("login", new { email, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A widget payload signed the way Telegram documents it, with <paramref name="botToken"/>.</summary>
    public static Dictionary<string, object> Widget(long id, DateTimeOffset authDate, string? username = null, string firstName = "Anna",
        string botToken = ApiServer.TestBotToken, bool numbersAsStrings = false)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["first_name"] = firstName,
            ["auth_date"] = authDate.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (username is not null)
        {
            fields["username"] = username;
        }

        var dataCheckString = string.Join("\n", fields.Select(f => f.Key + "=" + f.Value));
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(botToken)), Encoding.UTF8.GetBytes(dataCheckString)));
        var body = fields.ToDictionary(f => f.Key, f => (object)f.Value);
        if (!numbersAsStrings)
        {
            body["id"] = id;
            body["auth_date"] = authDate.ToUnixTimeSeconds();
        }

        body["hash"] = hash;
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        try
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [GeneratedRegex(@"\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenLink();
}
