package io.kefu.gateway.openchannel;

import io.netty.util.AttributeKey;

/** How a client speaks: protobuf on binary frames, or protobuf-JSON on text frames. We answer alike. */
public enum FrameEncoding {
    BINARY, JSON;

    public static final AttributeKey<FrameEncoding> KEY = AttributeKey.valueOf("kefu.frameEncoding");
}
