using Elumenta.Core.Generations;
using ElumentaBot.Localization;
using ElumentaBot.Media.Confirmations;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Media.Images;

/// <summary>U1–U4 / V1–V4: upscale or vary one image of the user's own completed grid, priced at the grid's speed.</summary>
public sealed class MidjourneyActions(GenerationStore generations, MediaFlow flow, ITelegramBotClient bot, Localizer texts)
{
    public async Task RequestAsync(MediaUser user, long gridId, string action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var grid = await generations.GetAsync(gridId, ct);
        if (grid is not { Status: GenerationStatus.Completed, ModelSlug: "midjourney", ProviderJobId: { } parentJob } || grid.AccountId != user.AccountId
            || action is not ([('u' or 'v'), ('1' or '2' or '3' or '4')]))
        {
            await bot.SendMessage(user.ChatId, texts.Get(user.Language, "media.history.not_found"), cancellationToken: ct);
            return;
        }

        var options = MidjourneyButtons.Options(grid);
        var draft = new MediaDraft
        {
            Kind = MediaKind.Image,
            Model = "midjourney",
            Prompt = grid.Prompt,
            Options = new Dictionary<string, string>
            {
                ["action"] = action[0] == 'u' ? "upscale" : "variation",
                ["speed"] = options.GetValueOrDefault("speed", "fast"),
                ["parent_job"] = parentJob,
                ["image_index"] = action[1..],
            },
        };
        await flow.ProposeAsync(user, draft, null, null, ct);
    }
}
