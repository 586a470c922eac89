using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Telemetry;

namespace MusicEvents.Core.Submission.Gate;

/// <summary>
/// The gate in Azure Table Storage: one partition per MusicAPI account (a hash of its URL and key,
/// so instances sharing an account share a gate), with a row per place ("slot-007": the correlation
/// id holding it), a "pause" row (Retry-After) and a row of credits per UTC day. A place and its
/// day's credits are each written against the ETag read, so two instances never take the same
/// place nor overspend the budget. Chosen over a per-process concurrency limit,
/// which cannot hold across instances, and over a bare counter, which a crash between a task's last
/// write and its decrement would leak for ever: a place names its holder, so a leaked one is found
/// and freed (<see cref="SweepAsync"/>, run by the timer) once its task is no longer open.
/// </summary>
public sealed class TableSubmissionGate(TableServiceClient tables, IOptions<MusicApiOptions> options, TimeProvider time) : ISubmissionGate
{
    public const string TableName = "MusicApiGate";
    private const string PauseRow = "pause";
    private const string SlotPrefix = "slot-";
    private const string CreditsPrefix = "credits-";

    // Instances racing for the same row: each lost race is read again at once, a few times.
    private const int Attempts = 8;

    // A place is taken before its task's record is written: a young place is never swept.
    private static readonly TimeSpan SweepGrace = TimeSpan.FromMinutes(2);

    private readonly string partition = PartitionOf(options.Value);

    private TableClient Table => tables.GetTableClient(TableName);

    public async Task<GateDecision> TryEnterAsync(Guid correlationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        GateDecision decision = new GateDecision.Entered();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var rows = await ReadAsync(cancellationToken);
            decision = GateRules.Decide(Snapshot(rows), correlationId, now, options.Value, out var entry);
            if (entry is null)
            {
                return decision;
            }

            // The place first, then the day's credits; a race lost on the credits gives the place back.
            var slot = await TryWriteAsync(rows, SlotRow(entry.SlotIndex), new() { ["Holder"] = correlationId.ToString("D"), ["Day"] = entry.Day ?? "", ["Since"] = now }, cancellationToken);
            if (slot is null)
            {
                continue;
            }

            if (entry.Day is not { } day || await TryChargeAsync(rows, day, MusicEventsMetrics.CreditsPerTask, cancellationToken))
            {
                return decision;
            }

            await TryWriteAsync(new() { [slot.RowKey] = slot }, slot.RowKey, new() { ["Holder"] = "", ["Day"] = "" }, cancellationToken);
        }

        // Lost every race: the others are taking the places; ask again shortly.
        return decision is GateDecision.Entered
            ? new GateDecision.Waits(new(Tracking.TrackWaitReason.MaxInFlight, "Other instances are taking the free places.", now))
            : decision;
    }

    public async Task LeaveAsync(Guid correlationId, bool charged, CancellationToken cancellationToken)
    {
        var holder = correlationId.ToString("D");
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var rows = await ReadAsync(cancellationToken);
            var slot = rows.Values.FirstOrDefault(r => r.RowKey.StartsWith(SlotPrefix, StringComparison.Ordinal) && r.GetString("Holder") == holder);
            if (slot is null)
            {
                return;
            }

            if (await TryWriteAsync(rows, slot.RowKey, new() { ["Holder"] = "", ["Day"] = "" }, cancellationToken) is null)
            {
                continue;
            }

            if (!charged && slot.GetString("Day") is { Length: > 0 } day)
            {
                // A call MusicAPI did not charge gives its credits back to its day.
                for (var refund = 0; refund < Attempts && !await TryChargeAsync(await ReadAsync(cancellationToken), day, -MusicEventsMetrics.CreditsPerTask, cancellationToken); refund++)
                {
                }
            }

            return;
        }

        // Left for the sweep, which frees places whose task is no longer open.
    }

    public async Task PauseAsync(DateTimeOffset until, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(partition, PauseRow) { ["PausedUntil"] = until }, TableUpdateMode.Replace, cancellationToken);

    public async Task<int> SweepAsync(Func<Guid, CancellationToken, Task<bool>> isOpen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isOpen);
        var freed = 0;
        foreach (var slot in (await ReadAsync(cancellationToken)).Values.Where(r => r.RowKey.StartsWith(SlotPrefix, StringComparison.Ordinal)))
        {
            var young = time.GetUtcNow() - slot.GetDateTimeOffset("Since") < SweepGrace;
            if (!young && Guid.TryParse(slot.GetString("Holder"), out var holder) && !await isOpen(holder, cancellationToken))
            {
                try
                {
                    await Table.UpdateEntityAsync(new TableEntity(partition, slot.RowKey) { ["Holder"] = "", ["Day"] = "" }, slot.ETag, TableUpdateMode.Replace, cancellationToken);
                    freed++;
                }
                catch (RequestFailedException exception) when (exception.Status == 412)
                {
                    // Left or taken again meanwhile.
                }
            }
        }

        return freed;
    }

    private async Task<Dictionary<string, TableEntity>> ReadAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            rows[row.RowKey] = row;
        }

        return rows;
    }

    private static GateSnapshot Snapshot(Dictionary<string, TableEntity> rows)
    {
        var slots = rows.Values
            .Where(r => r.RowKey.StartsWith(SlotPrefix, StringComparison.Ordinal))
            .Select(r => new GateSlot(
                int.Parse(r.RowKey.AsSpan(SlotPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture),
                Guid.TryParse(r.GetString("Holder"), out var holder) ? holder : null,
                r.GetString("Day") is { Length: > 0 } day ? day : null))
            .ToList();
        var credits = rows.Values
            .Where(r => r.RowKey.StartsWith(CreditsPrefix, StringComparison.Ordinal))
            .ToDictionary(r => r.RowKey[CreditsPrefix.Length..], r => r.GetInt32("Credits") ?? 0, StringComparer.Ordinal);
        return new GateSnapshot(slots, rows.GetValueOrDefault(PauseRow)?.GetDateTimeOffset("PausedUntil"), credits);
    }

    private async Task<bool> TryChargeAsync(Dictionary<string, TableEntity> rows, string day, int credits, CancellationToken cancellationToken)
    {
        var spent = rows.GetValueOrDefault(CreditsPrefix + day)?.GetInt32("Credits") ?? 0;
        return await TryWriteAsync(rows, CreditsPrefix + day, new() { ["Credits"] = Math.Max(0, spent + credits) }, cancellationToken) is not null;
    }

    /// <summary>
    /// Inserts the row, or replaces it at the version read; null when someone changed it since (or
    /// inserted it first). One conditional write per row rather than an entity-group transaction of
    /// the place and the day's credits: a race lost on the second row gives the first back, and single
    /// conditional writes are the ones every other part of MusicEvents already relies on, on Azurite
    /// as on Azure.
    /// </summary>
    private async Task<TableEntity?> TryWriteAsync(Dictionary<string, TableEntity> rows, string rowKey, TableEntity values, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(values) { PartitionKey = partition, RowKey = rowKey };
        try
        {
            var response = rows.TryGetValue(rowKey, out var read)
                ? await Table.UpdateEntityAsync(entity, read.ETag, TableUpdateMode.Replace, cancellationToken)
                : await Table.AddEntityAsync(entity, cancellationToken);
            entity.ETag = response.Headers.ETag ?? default;
            return entity;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return null;
        }
    }

    private static string SlotRow(int index) => $"{SlotPrefix}{index:D3}";

    /// <summary>The account's partition: never the key itself, a hash of where and as whom the calls go.</summary>
    private static string PartitionOf(MusicApiOptions options) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{options.BaseUrl.TrimEnd('/')}\n{options.ApiKey}")))[..32];
}
