# One image recipe for either program, built with the .NET 10 SDK and run on the ASP.NET runtime (the API is
# ASP.NET Core; the bot hosts a loopback emulator in sandbox mode):
#   docker build -t elumenta-bot .                                   (APP defaults to the bot)
#   docker build -t elumenta-api --build-arg APP=Elumenta.Api .
# Run both on one volume so they share one database: same accounts, balance and limits.
ARG APP=ElumentaBot

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG APP
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY config/ config/
COPY migrations/ migrations/
RUN test -f "src/${APP}/${APP}.csproj" || { echo "APP must be ElumentaBot or Elumenta.Api, not '${APP}'" >&2; exit 1; }
# The API is published ReadyToRun: precompiled code for this platform, so a new or restarted instance is ready about
# three times sooner (it answered /health after 1.0 s instead of 3.4 s, half the CPU); tiering then replaces the hot
# code as usual. The bot runs with tiered compilation off (its csproj says why): precompiled code would stay for
# good, and measured ~15% slower per update than code compiled on first call, so the bot is published without it.
RUN if [ "$APP" = ElumentaBot ]; then r2r=false; else r2r=true; fi \
 && dotnet publish "src/${APP}/${APP}.csproj" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=$r2r -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG APP
WORKDIR /app
COPY --from=build /app ./
# The /stats chart draws its labels with a font that has Cyrillic; the runtime image ships none.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
# The database and saved results live on a volume owned by the image's non-root "app" user.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
# ASPNETCORE_URLS: the API listens on every interface of the container (its own default, localhost:5080,
# is unreachable from outside one). The bot ignores it: it listens only on Http__Urls (webhook mode, /health,
# /ready, /metrics), e.g. -e Http__Urls=http://+:8080.
ENV APP_DLL=${APP}.dll \
    ConnectionStrings__Elumenta=/data/elumenta.db \
    Providers__Jobs__ResultsPath=/data/results \
    DOTNET_ENVIRONMENT=Production \
    ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
# Secrets and overrides come from the environment: Telegram__BotToken, Api__Jwt__SigningKey,
# Providers__OpenAI__ApiKey, ... Arguments after the image name reach the program (--check, --help).
# exec: the program is PID 1 and receives SIGTERM from docker stop.
ENTRYPOINT ["sh", "-c", "exec dotnet \"/app/$APP_DLL\" \"$@\"", "--"]
