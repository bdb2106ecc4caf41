import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config/config.ts';
import { facebookEvents } from './facebook.adapter.ts';
import { lineContentBase, lineEvents } from './line.adapter.ts';
import { xEvents } from './x.adapter.ts';

const channels = { ...loadConfig({}).channels, lineChannelAccessToken: 'line-token', xAccessToken: 'x-token' };
const U = `U${'a'.repeat(32)}`;

describe('reading LINE events', () => {
  it('keeps one-to-one messages and follows; skips groups, standby and unknown events', () => {
    const events = lineEvents({
      destination: 'Ubot',
      events: [
        { type: 'message', mode: 'active', webhookEventId: 'E1', source: { type: 'user', userId: U }, message: { id: '1', type: 'text', text: 'ถนนพัง' } },
        { type: 'message', mode: 'active', webhookEventId: 'E2', source: { type: 'user', userId: U }, message: { id: '2', type: 'location', title: 'pin', address: 'สีลม', latitude: 13.7, longitude: 100.5 } },
        { type: 'message', mode: 'active', webhookEventId: 'E3', source: { type: 'user', userId: U }, message: { id: '3', type: 'image', contentProvider: { type: 'line' } } },
        { type: 'message', mode: 'active', webhookEventId: 'E4', source: { type: 'user', userId: U }, message: { id: '4', type: 'sticker', packageId: '1', stickerId: '1' } },
        { type: 'follow', mode: 'active', webhookEventId: 'E5', source: { type: 'user', userId: U } },
        { type: 'message', mode: 'active', webhookEventId: 'E6', source: { type: 'group', groupId: 'C1', userId: U }, message: { id: '6', type: 'text', text: 'x' } },
        { type: 'message', mode: 'standby', webhookEventId: 'E7', source: { type: 'user', userId: U }, message: { id: '7', type: 'text', text: 'x' } },
        { type: 'beacon', mode: 'active', webhookEventId: 'E8', source: { type: 'user', userId: U } },
      ],
    }, channels);
    expect(events.map((e) => e.eventId)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    expect(events[0]!.text).toBe('ถนนพัง');
    expect(events[1]!.location).toEqual({ lat: 13.7, lng: 100.5, address: 'สีลม' });
    expect(events[2]!.media).toEqual([{ url: 'https://api-data.line.me/v2/bot/message/3/content', bearer: 'line-token' }]);
    expect(events[3]!.unsupported).toBe(true);
    expect(events[4]!.follow).toBe(true);
  });

  it('fetches content from api-data.line.me in production, from the configured base elsewhere', () => {
    expect(lineContentBase('https://api.line.me')).toBe('https://api-data.line.me');
    expect(lineContentBase('http://127.0.0.1:9999')).toBe('http://127.0.0.1:9999');
  });

  it('refuses bodies that are not LINE webhooks', () => {
    expect(() => lineEvents({ events: 'x' }, channels)).toThrow(/malformed/);
    expect(() => lineEvents([], channels)).toThrow(/malformed/);
  });
});

describe('reading Messenger events', () => {
  it('merges a message\'s attachments; a sticker is not a photo', () => {
    const [event] = facebookEvents({
      object: 'page',
      entry: [{ id: 'P', time: 1, messaging: [{ sender: { id: '42' }, recipient: { id: 'P' }, timestamp: 1, message: { mid: 'm_1', attachments: [
        { type: 'image', payload: { url: 'https://cdn.example/a.jpg' } },
        { type: 'location', title: 'Pin', payload: { coordinates: { lat: 13.7, long: 100.5 } } },
        { type: 'image', payload: { url: 'https://cdn.example/sticker.png', sticker_id: 369239263222822 } },
      ] } }] }],
    });
    expect(event).toMatchObject({ eventId: 'm_1', userId: '42', location: { lat: 13.7, lng: 100.5, address: 'Pin' }, media: [{ url: 'https://cdn.example/a.jpg', bearer: null }], unsupported: false });
  });

  it('ignores other objects (Instagram) and reads the Get Started postback as a greeting', () => {
    expect(facebookEvents({ object: 'instagram', entry: [] })).toEqual([]);
    const [start] = facebookEvents({ object: 'page', entry: [{ messaging: [{ sender: { id: '42' }, postback: { mid: 'm_2', title: 'Get Started', payload: 'GET_STARTED' } }] }] });
    expect(start).toMatchObject({ eventId: 'm_2', follow: true });
  });
});

describe('reading X events', () => {
  it('reads a DM location attachment and skips non-mentions and retweets', () => {
    const events = xEvents({
      for_user_id: '1',
      direct_message_events: [{ type: 'message_create', id: '10', message_create: { sender_id: '2', target: { recipient_id: '1' }, message_data: { text: 'here', attachment: { type: 'location', location: { type: 'shared_coordinate', shared_coordinate: { coordinates: { type: 'Point', coordinates: [100.5, 13.7] } } } } } } }],
      tweet_create_events: [
        { id_str: '20', text: 'no mention', user: { id_str: '3' }, coordinates: { type: 'Point', coordinates: [100.5, 13.7] }, entities: { user_mentions: [] } },
        { id_str: '21', text: 'RT @x', user: { id_str: '3' }, retweeted_status: {}, coordinates: { type: 'Point', coordinates: [100.5, 13.7] }, entities: { user_mentions: [{ id_str: '1' }] } },
      ],
    }, channels);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventId: 'dm:10', userId: '2', text: 'here', location: { lat: 13.7, lng: 100.5 } });
  });

  it('reads the full text of an extended (long) mention', () => {
    const [event] = xEvents({
      for_user_id: '1',
      tweet_create_events: [{
        id_str: '30', truncated: true, text: '@city short…', user: { id_str: '3' },
        coordinates: { type: 'Point', coordinates: [100.5, 13.7] },
        extended_tweet: { full_text: '@city ถนนยุบเป็นแอ่งใหญ่ https://t.co/abc', entities: { user_mentions: [{ id_str: '1' }] }, extended_entities: { media: [{ type: 'photo', media_url_https: 'https://pbs.example/1.jpg' }] } },
      }],
    }, channels);
    expect(event).toMatchObject({ eventId: 'tweet:30', text: 'ถนนยุบเป็นแอ่งใหญ่', fileWhenComplete: true, media: [{ url: 'https://pbs.example/1.jpg', bearer: 'x-token' }] });
  });
});
