namespace Augment.Augmentation;
