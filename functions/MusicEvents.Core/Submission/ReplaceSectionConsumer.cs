using FluentValidation;
using MassTransit;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;

namespace MusicEvents.Core.Submission;

public sealed class ReplaceSectionConsumer(IValidator<ReplaceSectionCommand> validator, TrackSubmitter submitter) : IConsumer<ReplaceSectionCommand>
{
    public async Task Consume(ConsumeContext<ReplaceSectionCommand> context)
    {
        // A plain JSON command with a field the contract lacks (a typo) is refused, not submitted without it.
        var validation = UnknownFields.AddTo<ReplaceSectionCommand>(
            await validator.ValidateAsync(context.Message, context.CancellationToken), UnknownFields.Of(context));
        var result = await submitter.SubmitAsync(TrackRequest.From(context.Message), validation, context.CancellationToken);
        await context.PublishEventsAsync(result.Events);
        if (result.SendAgain)
        {
            // Waited as long as a consumer may hold a delivery: back to the end of its queue, to wait on.
            var queue = await context.GetSendEndpoint(context.ReceiveContext.InputAddress);
            await queue.Send(context.Message, context.CancellationToken);
        }
    }
}
