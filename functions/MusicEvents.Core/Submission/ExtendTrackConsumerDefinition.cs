namespace MusicEvents.Core.Submission;

public sealed class ExtendTrackConsumerDefinition : SubmissionConsumerDefinition<ExtendTrackConsumer>;
