using System.Security.Cryptography;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Outbound;

/// <summary>Webhook administration: subscriptions, their deliveries and attempts, redelivery of dead ones.</summary>
public sealed class WebhookSubscriptions(IDbContextFactory<CityMatrixDbContext> contexts, OutboxSignal signal, TimeProvider time)
{
    public const int MaxUrlLength = 2048;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    public async Task<WebhookSubscription> CreateAsync(NewWebhook request, string createdBy, CancellationToken cancellationToken = default)
    {
        var url = request.Url?.Trim();
        if (string.IsNullOrEmpty(url)) throw Invalid("url is required.", "url");
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw Invalid($"url must be an absolute http or https URL of at most {MaxUrlLength} characters.", "url");
        if (request.Secret is { } given && (given.Length < MinSecretLength || given.Length > MaxSecretLength))
            throw Invalid($"secret is {MinSecretLength}–{MaxSecretLength} characters (leave it out to have one generated).", "secret");
        if (request.Events is not { Count: > 0 } events)
            throw Invalid($"events lists at least one of: {string.Join(", ", OutboundEventTypes.All)}.", "events");
        var unknown = events.Where(e => !OutboundEventTypes.All.Contains(e)).ToList();
        if (unknown.Count > 0)
            throw Invalid($"Unknown event type(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; known: {string.Join(", ", OutboundEventTypes.All)}.", "events");

        var subscription = new WebhookSubscription
        {
            Id = "wh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Url = uri.ToString(),
            Secret = request.Secret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            Events = [.. events.Distinct()],
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return subscription;
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookSubscriptions.AsNoTracking().Where(s => s.DeletedAt == null).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
    }

    public async Task<WebhookSubscription> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.DeletedAt == null, cancellationToken)
            ?? throw new WebhookRuleException(DomainError.NotFound, $"No webhook {id}.", "id");
    }

    /// <summary>Stops deliveries to it (pending ones are cancelled); its history stays readable.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.WebhookSubscriptions.Where(s => s.Id == id && s.DeletedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.DeletedAt, now), cancellationToken);
        if (deleted == 0) throw new WebhookRuleException(DomainError.NotFound, $"No webhook {id}.", "id");
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == id && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Cancelled), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(string subscriptionId, DeliveryStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        await GetAsync(subscriptionId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId);
        if (status is { } wanted) query = query.Where(d => d.Status == wanted);
        return await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<(WebhookDelivery Delivery, IReadOnlyList<WebhookAttempt> Attempts)> DeliveryAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
            ?? throw new WebhookRuleException(DomainError.NotFound, $"No delivery {deliveryId}.", "deliveryId");
        var attempts = await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.No).ToListAsync(cancellationToken);
        return (delivery, attempts);
    }

    /// <summary>Starts a new round of attempts for a dead (or already delivered) delivery, due now.</summary>
    public async Task<WebhookDelivery> RedeliverAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
            ?? throw new WebhookRuleException(DomainError.NotFound, $"No delivery {deliveryId}.", "deliveryId");
        if (delivery.Status is DeliveryStatus.Pending or DeliveryStatus.Cancelled)
            throw new WebhookRuleException(DomainError.Conflict, $"Delivery {deliveryId} is {delivery.Status}; only dead or delivered ones can be redelivered.", "deliveryId");
        var changed = await db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.Status == delivery.Status)
            .ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now), cancellationToken);
        if (changed == 0) throw new WebhookRuleException(DomainError.Conflict, $"Delivery {deliveryId} changed meanwhile; reload.", "deliveryId");
        signal.Notify();
        return (await DeliveryAsync(deliveryId, cancellationToken)).Delivery;
    }

    private static WebhookRuleException Invalid(string message, string field) => new(DomainError.Invalid, message, field);
}
