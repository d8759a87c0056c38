using CityMatrix.Api.Accounts;
using CityMatrix.Api.Cases;
using CityMatrix.Api.Infrastructure;
using CityMatrix.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCitySilo();
builder.Services.AddCityMatrixApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapHealth();
app.MapAccounts();
app.MapCases();
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("CityMatrix is up: {Urls}", string.Join(", ", app.Urls)));
app.Run();

public partial class Program;
