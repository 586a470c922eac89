using FluentValidation;
using MassTransit;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Submission;

public sealed class ExtendTrackConsumer(IValidator<ExtendTrackCommand> validator, TrackSubmitter submitter) : IConsumer<ExtendTrackCommand>
{
    public async Task Consume(ConsumeContext<ExtendTrackCommand> context)
    {
        // A plain JSON command with a field the contract lacks (a typo) is refused, not submitted without it.
        var validation = UnknownFields.AddTo<ExtendTrackCommand>(
            await validator.ValidateAsync(context.Message, context.CancellationToken), UnknownFields.Of(context));
        await submitter.SubmitAsync(TrackRequest.From(context.Message), validation, context, context.CancellationToken);
    }
}
