using System.Net;
using System.Net.Http.Json;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Submission;

/// <summary>Every create call costs 12 credits: a correlation id is submitted at most once, whatever arrives twice.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class DuplicateSubmissionTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task The_same_command_published_twice_is_submitted_once()
    {
        var command = new ReplaceSectionCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}", 1, 2);

        await Task.WhenAll(hosts.Events.Publisher.Publish(command), hosts.Events.Publisher.Publish(command));

        await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(hosts.Sandbox.Calls, c => c.CorrelationId == command.CorrelationId.ToString());

        // Events are delivered at least once: a copy that finds the task submitted announces it again, never another task.
        Assert.Single(hosts.Events.For(command.CorrelationId).OfType<TrackSubmitted>().Select(e => (e.TaskId, e.SubmittedAt)).Distinct());
    }

    [Fact]
    public async Task The_same_request_posted_twice_is_accepted_twice_and_submitted_once()
    {
        var correlationId = Guid.NewGuid();
        var body = new { correlationId, clipId = $"clip-{Guid.NewGuid():N}", startsAt = 3, length = 1 };

        var first = await hosts.Http.PostAsJsonAsync(hosts.DevHostRoute("/api/tracks/extend"), body);
        var second = await hosts.Http.PostAsJsonAsync(hosts.DevHostRoute("/api/tracks/extend"), body);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        await hosts.Events.WaitForAsync<TrackStored>(correlationId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(hosts.Sandbox.Calls, c => c.CorrelationId == correlationId.ToString());
    }

    [Fact]
    public async Task Another_request_under_a_used_correlation_id_is_refused_with_409()
    {
        var correlationId = Guid.NewGuid();
        var clipId = $"clip-{Guid.NewGuid():N}";
        var first = await hosts.Http.PostAsJsonAsync(hosts.DevHostRoute("/api/tracks/extend"), new { correlationId, clipId, startsAt = 3, length = 1 });
        var other = await hosts.Http.PostAsJsonAsync(hosts.DevHostRoute("/api/tracks/extend"), new { correlationId, clipId, startsAt = 4, length = 1 });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        await hosts.Events.WaitForAsync<TrackStored>(correlationId);
        Assert.Single(hosts.Sandbox.Calls, c => c.CorrelationId == correlationId.ToString());
    }

    [Fact]
    public async Task An_invalid_command_reusing_a_correlation_id_does_not_fail_the_task_that_owns_it()
    {
        var valid = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}", 1, Length: 1);
        await hosts.Events.Publisher.Publish(valid);
        await hosts.Events.WaitForAsync<TrackSubmitted>(valid.CorrelationId);

        await hosts.Events.Publisher.Publish(valid with { StartsAt = -5 });

        await hosts.Events.WaitForAsync<TrackStored>(valid.CorrelationId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(hosts.Events.For(valid.CorrelationId), e => e is TrackFailed);
    }
}
