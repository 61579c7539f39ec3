package io.kefu.handlers.config;

/**
 * @param model      "default" (the bundled e-commerce model, trained on first start) or a model file path
 * @param threshold  overrides the model's own fallback threshold when not null
 * @param margin     overrides the model's own top-1 minus top-2 margin when not null
 */
public record NluConfig(String model, Double threshold, Double margin) {
}
