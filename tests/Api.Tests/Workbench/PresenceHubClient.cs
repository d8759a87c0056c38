using System.Text.Json;
using System.Threading.Channels;
using CityMatrix.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityMatrix.Api.Tests.Workbench;

/// <summary>A client of /hubs/cases: "presence" and "caseChanged" pushes queued.</summary>
public sealed class PresenceHubClient : SignalRJsonClient
{
    private readonly ChannelReader<JsonElement> _presence;
    private readonly ChannelReader<JsonElement> _changes;

    private PresenceHubClient() : base(TimeSpan.FromSeconds(10))
    {
        _presence = Listen("presence");
        _changes = Listen("caseChanged");
    }

    /// <summary>Connects with the bearer token of <paramref name="signedIn"/>.</summary>
    public static Task<PresenceHubClient> ConnectAsync<TEntry>(WebApplicationFactory<TEntry> app, HttpClient signedIn) where TEntry : class =>
        ConnectAsync(app, "/hubs/cases", signedIn.DefaultRequestHeaders.Authorization!.Parameter!, () => new PresenceHubClient());

    /// <summary>The next "presence" push that satisfies <paramref name="wanted"/> (earlier ones are skipped), waiting at most 10 s.</summary>
    public Task<JsonElement> PresenceAsync(Func<JsonElement, bool> wanted) => NextAsync(_presence, wanted);

    public Task<JsonElement> ChangeAsync(Func<JsonElement, bool> wanted) => NextAsync(_changes, wanted);
}
