# PLBadges: build with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
# Used by docker-compose.yml; see README.md for the settings it reads.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/PLBadges.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl is only for the health check in docker-compose.yml. libfontconfig1: SkiaSharp's native library links it
# (the PDFs and badge images use only the fonts shipped inside PLBadges.Typesetting, never the system's).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl libfontconfig1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The data folder (SQLite file, mail pickup) must be writable by the non-root user; the base image
# defines the user "app" with the id $APP_UID.
RUN mkdir -p /app/App_Data && chown "$APP_UID:$APP_UID" /app/App_Data
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "PLBadges.Web.dll"]
