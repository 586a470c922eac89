using System.CommandLine;
using System.Text.Json;
using System.Threading.Channels;
using MusicEvents.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace MusicEvents.Cli;

/// <summary>
/// <c>listen</c>: a temporary queue (gone when it stops) bound to every event exchange, each event
/// printed as it arrives. It takes nothing from anyone: every subscriber's queue gets its own copy.
/// </summary>
internal static class ListenCommand
{
    private static readonly Type[] Events = [typeof(TrackSubmitted), typeof(TrackCompleted), typeof(TrackFailed), typeof(TrackStored)];

    public static Command Create()
    {
        var correlationId = new Option<Guid?>("--correlation-id") { Description = "only this task's events" };
        var json = new Option<bool>("--json") { Description = "one JSON line per event: {\"type\": …, \"message\": …}" };
        var count = new Option<int?>("--count") { Description = "stop after this many events" };
        var command = new Command("listen", "print every MusicEvents event as it arrives (Ctrl-C stops)") { correlationId, json, count };
        command.SetAction((parse, target, cancel) => ListenAsync(target.RequireRabbitMq(), parse.GetValue(correlationId), parse.GetValue(json), parse.GetValue(count), cancel));
        return command;
    }

    private static async Task<int> ListenAsync(string rabbitMq, Guid? only, bool json, int? count, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(rabbitMq), ClientProvidedName = "musicevents listen" };
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (BrokerUnreachableException exception)
        {
            throw new CliException($"RabbitMQ does not answer at {new Uri(rabbitMq).Host}:{new Uri(rabbitMq).Port}: {exception.InnerException?.Message ?? exception.Message}");
        }

        await using (connection)
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
        {
            var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken)).QueueName;
            foreach (var type in Events)
            {
                try
                {
                    await channel.QueueBindAsync(queue, $"{type.Namespace}:{type.Name}", "", cancellationToken: cancellationToken);
                }
                catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
                {
                    throw new CliException($"no exchange {type.Namespace}:{type.Name} on this broker: MusicEvents has never started on it.");
                }
            }

            var arrivals = Channel.CreateUnbounded<(string Type, JsonElement Message)>();
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                if (EventOf(delivery.Body.Span) is { } arrived)
                {
                    arrivals.Writer.TryWrite(arrived);
                }

                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(queue, autoAck: true, consumer, cancellationToken);
            Console.Error.WriteLine($"musicevents: listening to {string.Join(", ", Events.Select(e => e.Name))} (Ctrl-C stops)");

            var printed = 0;
            await foreach (var (type, message) in arrivals.Reader.ReadAllAsync(cancellationToken))
            {
                if (only is { } id && (!message.TryGetProperty("correlationId", out var c) || c.GetGuid() != id))
                {
                    continue;
                }

                Print(type, message, json);
                if (++printed == count)
                {
                    return CliAction.Ok;
                }
            }
        }

        return CliAction.Ok;
    }

    /// <summary>MassTransit's envelope (the event under <c>message</c>) or, from another publisher, the plain event.</summary>
    private static (string, JsonElement)? EventOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var root = JsonDocument.Parse(body.ToArray()).RootElement.Clone();
            if (root.TryGetProperty("messageType", out var types) && root.TryGetProperty("message", out var message))
            {
                var urn = types.EnumerateArray().Select(t => t.GetString() ?? "").FirstOrDefault(t => t.StartsWith("urn:message:MusicEvents.Contracts:", StringComparison.Ordinal));
                return urn is null ? null : (urn[(urn.LastIndexOf(':') + 1)..], message);
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Print(string type, JsonElement message, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { type, message }));
            return;
        }

        var fields = message.EnumerateObject()
            .Where(p => p.Name != "correlationId")
            .Select(p => $"{p.Name}={Field(p.Value)}");
        var id = message.TryGetProperty("correlationId", out var c) ? c.GetString() : "";
        var name = type == nameof(TrackFailed) ? Ansi.Red(type) : type == nameof(TrackStored) ? Ansi.Green(type) : Ansi.Blue(type);
        Console.WriteLine($"{Ansi.Grey(TimeText.Of(DateTimeOffset.UtcNow))}  {name}  {id}  {string.Join("  ", fields)}");
    }

    private static string Field(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(i => i.TryGetProperty("clipId", out var clip) ? clip.GetString() : i.GetRawText())) + "]",
        _ => value.GetRawText(),
    };
}
