using System;
using Simd.Learning.Optimizers;
using Xunit;

namespace Simd.Tests.Learning.Optimizers;

/// <summary>Step, exponential, cosine and warm-up schedules against their formulas.</summary>
public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Schedules_FollowTheirFormulas()
    {
        var step = new StepDecaySchedule(0.1, 10, 0.5);
        Assert.Equal(0.1, step.GetLearningRate(9));
        Assert.Equal(0.05, step.GetLearningRate(10));
        Assert.Equal(0.025, step.GetLearningRate(25));

        var exp = new ExponentialDecaySchedule(1.0, 0.5, 4);
        Assert.Equal(1.0, exp.GetLearningRate(0));
        Assert.Equal(Math.Pow(0.5, 0.25), exp.GetLearningRate(1), 15);
        Assert.Equal(0.25, exp.GetLearningRate(8), 15);

        var cosine = new CosineAnnealingSchedule(1.0, 100, 0.1);
        Assert.Equal(1.0, cosine.GetLearningRate(0));
        Assert.Equal(0.55, cosine.GetLearningRate(50), 14);
        Assert.Equal(0.1, cosine.GetLearningRate(100), 15);
        Assert.Equal(0.1, cosine.GetLearningRate(1000), 15);

        var warm = new WarmupSchedule(new ConstantSchedule(0.4), 4);
        Assert.Equal(0.1, warm.GetLearningRate(0), 15);
        Assert.Equal(0.4, warm.GetLearningRate(3), 15);
        Assert.Equal(0.4, warm.GetLearningRate(10));

        var warmCosine = new WarmupSchedule(cosine, 10);
        Assert.Equal(1.0, warmCosine.GetLearningRate(10));
        Assert.Equal(0.55, warmCosine.GetLearningRate(60), 14);
    }

    [Fact]
    public void Schedules_RejectInvalidArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecaySchedule(0.1, 0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecaySchedule(0.1, 1, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecaySchedule(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingSchedule(0.1, 10, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupSchedule(new ConstantSchedule(1), 0));
        Assert.Throws<ArgumentNullException>(() => new WarmupSchedule(null!, 3));
    }
}
