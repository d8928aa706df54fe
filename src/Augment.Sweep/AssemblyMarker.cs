namespace Augment.Sweep;
