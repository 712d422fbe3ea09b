using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using ElumentaBot.Profile;
using ElumentaBot.Ui;

namespace Elumenta.Api.Tests.Users;

/// <summary>The API's settings are the bot's: each side reads what the other wrote, by the bot's own rules.</summary>
public sealed class SettingsTests
{
    [Fact]
    public async Task A_new_account_has_the_bots_defaults()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(3001);

        var settings = await client.GetFromJsonAsync<JsonElement>("/api/v2/user/settings");

        Assert.Equal("en", settings.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("image_format").ValueKind);
        Assert.True(settings.GetProperty("notifications_enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("default_image_size").ValueKind);
    }

    [Fact]
    public async Task A_change_through_the_api_is_what_the_bot_reads_and_keeps_its_other_preferences()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(3002);
        var bot = new UserSettings { Mode = BotMode.Image, TtsVoice = "nova", TrimNoticeShown = true }.WithModel(ModelCategory.Image, "dall-e-3");
        await server.Get<AccountService>().SaveSettingsAsync(account.Id, bot.ToJson());

        var response = await Patch(client, """{"language":"ru","image_format":"png","notifications_enabled":false,"default_image_size":"1024x1792"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ru", answer.GetProperty("language").GetString());
        Assert.Equal("png", answer.GetProperty("image_format").GetString());
        Assert.False(answer.GetProperty("notifications_enabled").GetBoolean());
        Assert.Equal("1024x1792", answer.GetProperty("default_image_size").GetString());

        var stored = (await server.Get<AccountService>().FindAsync(account.Id))!;
        Assert.Equal("ru", stored.Language);
        Assert.True(stored.LanguageOverridden);
        Assert.False(stored.NotificationsEnabled);
        var read = UserSettings.Of(stored);
        Assert.Equal("png", read.ImageFormat);
        Assert.Equal("1024x1792", read.ImageSize);
        Assert.Equal(BotMode.Image, read.Mode);
        Assert.Equal("nova", read.TtsVoice);
        Assert.True(read.TrimNoticeShown);
        var catalog = server.Get<ModelCatalog>();
        var dalle = catalog.FindModel(read.SelectedModel(ModelCategory.Image, catalog))!;
        Assert.Equal("dall-e-3", dalle.Slug);
        Assert.Equal("1024x1792", MediaSettings.Current(MediaSettings.Find("is")!, dalle, read));
        Assert.Equal("1024x1792", MediaSettings.RequestOptions(read, dalle)["size"]);
    }

    [Fact]
    public async Task Jpeg_set_through_the_api_is_the_jpg_of_a_model_that_spells_it_so()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(3003);

        await Patch(client, """{"image_format":"jpeg"}""");

        var read = UserSettings.Of((await server.Get<AccountService>().FindAsync(account.Id))!);
        var photonFlash = server.Get<ModelCatalog>().FindModel("photon-flash")!;
        Assert.Equal("jpg", MediaSettings.Current(MediaSettings.Find("if")!, photonFlash, read));
        Assert.Equal("jpg", MediaSettings.RequestOptions(read, photonFlash)["format"]);
    }

    [Fact]
    public async Task A_change_made_in_the_bot_is_what_the_api_shows()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(3004);
        var accounts = server.Get<AccountService>();
        // What /settings and /lang do: the setting's own setter on the parsed settings, saved whole; /lang's override.
        var settings = MediaSettings.Find("if")!.Set(UserSettings.Of(account), "jpg");
        settings = MediaSettings.Find("is")!.Set(settings, "2K");
        await accounts.SaveSettingsAsync(account.Id, settings.ToJson());
        await accounts.SetLanguageAsync(account.Id, "ru");
        await accounts.SetNotificationsAsync(account.Id, false);

        var shown = await client.GetFromJsonAsync<JsonElement>("/api/v2/user/settings");

        Assert.Equal("ru", shown.GetProperty("language").GetString());
        Assert.Equal("jpeg", shown.GetProperty("image_format").GetString());
        Assert.False(shown.GetProperty("notifications_enabled").GetBoolean());
        Assert.Equal("2K", shown.GetProperty("default_image_size").GetString());
    }

    [Fact]
    public async Task Patch_is_partial_and_null_resets_a_value_to_each_models_default()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(3005);
        Assert.Equal(HttpStatusCode.OK, (await Patch(client, """{"image_format":"webp","default_image_size":"1K","language":"ru"}""")).StatusCode);

        var response = await Patch(client, """{"image_format":null}""");

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("image_format").ValueKind);
        Assert.Equal("1K", answer.GetProperty("default_image_size").GetString());
        Assert.Equal("ru", answer.GetProperty("language").GetString());
        var stored = (await server.Get<AccountService>().FindAsync(account.Id))!;
        Assert.Null(UserSettings.Of(stored).ImageFormat);
        Assert.DoesNotContain("image_format", stored.Settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_values_are_named_field_by_field_and_nothing_changes()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(3006);
        await Patch(client, """{"image_format":"png"}""");
        var before = (await server.Get<AccountService>().FindAsync(account.Id))!;

        var response = await Patch(client, """{"language":"de","image_format":"gif","notifications_enabled":"yes","default_image_size":"huge","theme":"dark"}""");
        var partlyValid = await Patch(client, """{"language":"ru","notifications_enabled":false,"image_format":"bmp"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_error", error.GetProperty("error").GetString());
        var details = error.GetProperty("details");
        Assert.Equal(
            ["default_image_size", "image_format", "language", "notifications_enabled", "theme"],
            details.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("webp", details.GetProperty("image_format").GetString(), StringComparison.Ordinal);
        Assert.Contains("1024x1792", details.GetProperty("default_image_size").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, partlyValid.StatusCode);
        var after = (await server.Get<AccountService>().FindAsync(account.Id))!;
        Assert.Equal((before.Language, before.LanguageOverridden, before.NotificationsEnabled, before.Settings), (after.Language, after.LanguageOverridden, after.NotificationsEnabled, after.Settings));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"language\": ")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_json_object_is_a_bad_request(string body)
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(3007);

        var response = await Patch(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad_request", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, string json) =>
        client.PatchAsync("/api/v2/user/settings", new StringContent(json, Encoding.UTF8, "application/json"));
}
