using CityMatrix.Api.Accounts;
using CityMatrix.Api.Cases;
using CityMatrix.Api.Demo;
using CityMatrix.Api.Feed;
using CityMatrix.Api.Infrastructure;
using CityMatrix.Api.Open311;
using CityMatrix.Api.Posts;
using CityMatrix.Api.Security;
using CityMatrix.Api.Webhooks;
using CityMatrix.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCitySilo();
builder.Services.AddCityMatrixApi();
builder.Services.AddCityMatrixAuth();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapHealth();
app.MapAuth();
app.MapAccounts();
app.MapCases();
app.MapPosts();
// Outbound: public feed, webhooks, Open311, replay.
app.MapFeed();
app.MapWebhooks();
app.MapOpen311();
app.MapReplay();
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("CityMatrix is up: {Urls}", string.Join(", ", app.Urls)));
app.Run();

public partial class Program;
