using ElumentaBot.Transport;

namespace ElumentaBot.ModelPicker;

public static class ModelRoutes
{
    /// <summary>/models [category] and its <c>m:</c> buttons.</summary>
    public static RouteTable MapModels(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("Models")
            .Command<ModelPickerHandler>("models", (h, c, ct) => h.CommandAsync(c, ct))
            .Callback<ModelPickerHandler>(ModelPickerScreens.Prefix, (h, c, ct) => h.CallbackAsync(c, ct));
        return routes;
    }
}
