# Multi-stage: build with the .NET 10 SDK, run on the ASP.NET runtime (the bot hosts a loopback
# emulator in sandbox mode, so it needs the ASP.NET shared framework).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY config/ config/
COPY migrations/ migrations/
RUN dotnet publish src/ElumentaBot/ElumentaBot.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The database lives on a volume owned by the image's non-root "app" user.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
ENV ConnectionStrings__Elumenta=/data/elumenta.db \
    DOTNET_ENVIRONMENT=Production
USER $APP_UID
# Secrets and overrides come from the environment: Telegram__BotToken, Providers__OpenAI__ApiKey, ...
ENTRYPOINT ["dotnet", "ElumentaBot.dll"]
